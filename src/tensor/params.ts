/**
 * Parameters: one flat record of named tensors, named exactly as checkpoints name them
 * (`0.weight`, `0.bias`, …), so gradients, optimizer slots and safetensors share one shape.
 */
import { showShape } from './shape.js'
import { type Tensor, mapTensor } from './tensor.js'

/** Named tensors, in declaration order. */
export type Params = { readonly [name: string]: Tensor }

/** f applied name by name. */
export const mapParams = (p: Params, f: (t: Tensor, name: string) => Tensor): Params =>
  Object.fromEntries(Object.keys(p).map((n) => [n, f(p[n], n)]))

/** Throws unless both sets name the same tensors with the same shapes. */
export const assertSameParams = (op: string, a: Params, b: Params): void => {
  const missing = Object.keys(a)
    .filter((n) => !(n in b))
    .concat(Object.keys(b).filter((n) => !(n in a)))
  if (missing.length > 0) throw new Error(`${op}: parameter sets differ in [${missing.join(', ')}]`)
  for (const n of Object.keys(a)) {
    if (a[n].data.length !== b[n].data.length) {
      throw new RangeError(`${op}: ${n} has shape ${showShape(a[n].shape)} in one set and ${showShape(b[n].shape)} in the other`)
    }
  }
}

/** f applied name by name to two sets naming the same tensors. */
export const zipParams = (a: Params, b: Params, f: (x: Tensor, y: Tensor, name: string) => Tensor): Params => {
  assertSameParams('zipParams', a, b)
  return Object.fromEntries(Object.keys(a).map((n) => [n, f(a[n], b[n], n)]))
}

/** params + updates, name by name. */
export const applyUpdates = (params: Params, updates: Params): Params =>
  zipParams(params, updates, (p, u) => {
    // A plain loop: a callback per element would cost more than the addition (this runs every step).
    const a = p.data
    const b = u.data
    if (a.length !== b.length) throw new RangeError(`applyUpdates: ${a.length} values and ${b.length} updates`)
    const out = new Float32Array(a.length)
    for (let i = 0; i < a.length; i++) out[i] = a[i] + b[i]
    return { shape: p.shape, data: out }
  })

/** A set of zeros shaped like `p`. */
export const zerosLike = (p: Params): Params => mapParams(p, (t) => mapTensor(t, () => 0))

/** √(Σ over all tensors of Σ v²), accumulated in float64. */
export const globalNorm = (p: Params): number => {
  let s = 0
  for (const n of Object.keys(p)) {
    const d = p[n].data
    for (let i = 0; i < d.length; i++) s += d[i] * d[i]
  }
  return Math.sqrt(s)
}

/** Total number of scalars in the set. */
export const countParams = (p: Params): number => Object.values(p).reduce((s, t) => s + t.data.length, 0)
