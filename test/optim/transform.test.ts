import { describe, expect, it } from 'vitest'
import { adagrad } from '../../src/optim/adagrad.js'
import { adam } from '../../src/optim/adam.js'
import { clipByGlobalNorm } from '../../src/optim/clip.js'
import { type Transform, chain, identity, scale } from '../../src/optim/transform.js'
import { type Params, applyUpdates } from '../../src/tensor/params.js'
import { everyRecipe, gradSteps, toParams, torchSteps } from './fixture.js'

const params = toParams(torchSteps.initial)
const grads = gradSteps()

/** Every Float32Array inside a value (states are records, tuples and Params). */
const arraysIn = (value: unknown): Float32Array[] =>
  value instanceof Float32Array
    ? [value]
    : typeof value === 'object' && value !== null
      ? Object.values(value).flatMap(arraysIn)
      : []

describe('chain', () => {
  it('runs transforms in order, each on the previous one’s updates', () => {
    const tx = chain(scale(2), clipByGlobalNorm(1), scale(3))

    const [updates] = tx.update(grads[0], tx.init(params), params)

    // Clipping sees the doubled gradients, so the result has norm 3 whatever the gradient's norm.
    const norm = Math.hypot(...Object.values(updates).flatMap((t) => Array.from(t.data)))
    expect(norm).toBeCloseTo(3, 5)
  })

  it('keeps one state per transform, in order', () => {
    const tx = chain(identity(), adagrad({ learningRate: 0.1 }))

    const state = tx.init(params)

    expect(state).toHaveLength(2)
    expect(state[0]).toBeNull()
    expect(state[1][1]).toEqual({ step: 0 })
  })

  it.each([
    ['a state of another length', [null, null, null], 'an array of 3'],
    ['null', null, 'null'],
    ['no state', undefined, 'undefined'],
    ['a record', { step: 0 }, 'an object'],
  ])('names what it got when handed %s', (_, state, got) => {
    const tx = chain(identity(), scale(-1))

    const act = () => tx.update(grads[0], state as unknown as readonly [null, null], params)

    expect(act).toThrow(
      new Error(`chain: expected the states of 2 transforms, got ${got}; was the state made by this chain's init?`),
    )
  })

  it('names the transform when a state of the right length comes from another chain', () => {
    const fromAdam: unknown = adam({ learningRate: 0.1 }).init(params)
    const tx = adagrad({ learningRate: 0.1 })

    const act = () => tx.update(grads[0], fromAdam as ReturnType<typeof tx.init>, params)

    expect(act).toThrow(
      new Error("scaleByRss: the state has no sum (got an object); was it made by this transform's init?"),
    )
  })
})

describe('identity and scale', () => {
  it('identity leaves the updates as they are', () => {
    const [updates, state] = identity().update(grads[0], null, params)

    expect(updates).toBe(grads[0])
    expect(state).toBeNull()
  })

  it('scale multiplies every entry into fresh arrays', () => {
    const [updates] = scale(-0.5).update(grads[0], null, params)

    expect(updates['0.bias'].data).toBeCloseToArray(grads[0]['0.bias'].data.map((g) => -0.5 * g), 0)
    expect(updates['0.bias'].data).not.toBe(grads[0]['0.bias'].data)
  })
})

const clipped = everyRecipe.map(([name, tx]) => [name, chain(clipByGlobalNorm(2), tx) as Transform<unknown>] as const)

describe.each(clipped)('%s (after clipping): immutable values', (_, tx) => {
  it('never changes its arguments, earlier states or earlier updates', () => {
    const seen: { value: unknown; copy: unknown }[] = []
    const keep = (value: unknown) => seen.push({ value, copy: structuredClone(value) })
    let p: Params = params
    let state = tx.init(p)
    keep(p)
    keep(state)

    for (const g of grads) {
      keep(g)
      const [updates, next] = tx.update(g, state, p)
      keep(updates)
      keep(next)
      p = applyUpdates(p, updates)
      keep(p)
      state = next
    }

    for (const { value, copy } of seen) expect(value).toEqual(copy)
  })

  it('returns updates and states that share no array with its inputs', () => {
    let state = tx.init(params)
    for (const g of grads) {
      const inputs = new Set([...arraysIn(g), ...arraysIn(params), ...arraysIn(state)])

      const [updates, next] = tx.update(g, state, params)

      expect([...arraysIn(updates), ...arraysIn(next)].filter((a) => inputs.has(a))).toEqual([])
      state = next
    }
  })
})
