import { describe, expect, it } from 'vitest'
import { applyUpdates } from '../../src/tensor/params.js'
import type { Params } from '../../src/tensor/params.js'
import { recipeOf, relativeError, scheduleOf, toParams, torchSteps, transformOf } from './fixture.js'

/** Replays the fixture's gradients through a case's transform: the parameters and state after every step. */
const replay = (c: (typeof torchSteps.cases)[number]) => {
  const tx = transformOf(c)
  let params = toParams(torchSteps.initial)
  let state = tx.init(params)
  const steps: Params[] = []
  const states: unknown[] = []
  for (const g of torchSteps.grads) {
    const [updates, next] = tx.update(toParams(g), state, params)
    params = applyUpdates(params, updates)
    state = next
    steps.push(params)
    states.push(state)
  }
  return { steps, states }
}

describe('optimizers against torch (fixtures/optim/torch-steps.json)', () => {
  it('covers every recorded case', () => {
    expect(torchSteps.cases.length).toBeGreaterThanOrEqual(20)
    expect(torchSteps.grads).toHaveLength(6)
  })

  // Relative to the larger of the parameter before and after the step: float32 p + u is only
  // that precise, however close to zero the result (see relativeError).
  const cases = torchSteps.cases.map((c) => [c.name, c] as const)

  it.each(cases)('%s: every parameter after every step within 1e-5', (_, c) => {
    const { steps } = replay(c)

    c.steps.forEach((expected, t) => {
      const before = t === 0 ? torchSteps.initial : c.steps[t - 1]
      for (const name of Object.keys(expected)) {
        const actual = steps[t][name].data
        expect(actual, `${name} after step ${t + 1}`).toBeCloseToArray(expected[name], 1e-5)
        expect(relativeError(actual, expected[name], before[name]), `${name} after step ${t + 1}`).toBeLessThan(1e-5)
      }
    })
  })

  it.each(torchSteps.cases.filter((c) => c.clip === undefined).map((c) => [c.name, c] as const))(
    '%s: slots carry torch state_dict names and values',
    (_, c) => {
      const { states } = replay(c)

      const slots = recipeOf(c).slots(states[states.length - 1])

      expect(Object.keys(slots.tensors).sort()).toEqual(Object.keys(c.slots).sort())
      expect(slots.step).toBe(torchSteps.grads.length)
      for (const key of Object.keys(c.slots)) {
        expect(slots.tensors[key].data, key).toBeCloseToArray(c.slots[key], 1e-5)
      }
    },
  )

  it.each(torchSteps.cases.filter((c) => c.schedule !== undefined).map((c) => [c.name, c] as const))(
    '%s: the schedule gives the rates torch used at each step',
    (_, c) => {
      const schedule = scheduleOf(c)

      const rates = c.learningRates.map((_, t) => schedule?.(t))

      rates.forEach((r, t) => expect(r).toBeCloseTo(c.learningRates[t], 14))
    },
  )
})
