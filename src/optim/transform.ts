/**
 * Gradient transforms: `{init, update}` records of pure functions, composed with `chain` (Optax's
 * structure). A transform never writes to its arguments or to a previous state: every update
 * returns fresh tensors and a fresh state, so an observer may keep all of them.
 */
import type { Params } from '../tensor/params.js'
import type { Tensor } from '../tensor/tensor.js'

/** Turns updates (initially gradients) into new updates, threading its own state. */
// Method syntax on purpose: it lets a Transform<SgdState> stand where a Transform<unknown> is
// expected (a pipeline that swaps optimizers holds states of several types).
export interface Transform<S> {
  init(params: Params): S
  update(updates: Params, state: S, params: Params): readonly [updates: Params, state: S]
}

/** The state type of a transform. */
export type StateOf<T> = T extends Transform<infer S> ? S : never

/** The tuple of states of a tuple of transforms. */
export type StatesOf<T extends readonly unknown[]> = { readonly [K in keyof T]: StateOf<T[K]> }

const describe = (state: unknown): string =>
  Array.isArray(state)
    ? `an array of ${state.length}`
    : state === null || state === undefined
      ? String(state)
      : typeof state === 'object'
        ? 'an object'
        : `a ${typeof state}`

/**
 * Runs transforms in order, each feeding its updates to the next; the state is the tuple of
 * their states. Throws when handed a state that is not such a tuple. (`any` in the argument
 * list is the widening point STYLE allows: each transform keeps its own state type.)
 */
export const chain = <T extends readonly Transform<any>[]>(...transforms: T): Transform<StatesOf<T>> => ({
  init: (params) => transforms.map((t) => t.init(params) as unknown) as unknown as StatesOf<T>,
  update: (updates, states, params) => {
    const given: unknown = states
    if (!Array.isArray(given) || given.length !== transforms.length) {
      throw new Error(
        `chain: expected the states of ${transforms.length} transforms, got ${describe(given)}; ` +
          `was the state made by this chain's init?`,
      )
    }
    const next: unknown[] = []
    let current = updates
    transforms.forEach((t, i) => {
      const [u, s] = t.update(current, given[i], params)
      current = u
      next.push(s)
    })
    return [current, next as unknown as StatesOf<T>]
  },
})

/**
 * Leaves updates as they are. Its state is null; typing it `S | null` lets it stand in for an
 * optional stateful step (SGD without momentum) under one state type.
 */
export const identity = <S = null>(): Transform<S | null> => ({
  init: () => null,
  update: (updates, state) => [updates, state],
})

/** u ← factor·u, elementwise. */
export const scale = (factor: number): Transform<null> => ({
  init: () => null,
  update: (updates, state) => [scaled(updates, factor), state],
})

/** factor·u for every tensor of the set, in fresh arrays. */
export const scaled = (updates: Params, factor: number): Params => {
  const out: Record<string, Tensor> = {}
  for (const name of Object.keys(updates)) {
    const u = updates[name].data
    const data = new Float32Array(u.length)
    for (let i = 0; i < u.length; i++) data[i] = factor * u[i]
    out[name] = { shape: updates[name].shape, data }
  }
  return out
}

/**
 * Throws unless `state` is an object with all of `fields`, so a state from another transform
 * fails with its name rather than deep inside a loop.
 */
export const checkState = (op: string, state: unknown, fields: readonly string[]): void => {
  const missing = typeof state === 'object' && state !== null ? fields.filter((f) => !(f in state)) : [...fields]
  if (missing.length > 0) {
    throw new Error(
      `${op}: the state has no ${missing.join(', ')} (got ${describe(state)}); was it made by this transform's init?`,
    )
  }
}
