/**
 * Copying parameters and optimizer slots between `Params` (torch names and shapes) and the
 * blocks in WASM memory. Reads return fresh, ordinary (unshared) arrays; writes check names and
 * shapes first, naming what does not fit.
 */
import type { Params } from '../tensor/params.js'
import type { Tensor } from '../tensor/tensor.js'
import type { Layout } from './layout.js'
import type { SlotBlock } from './slots.js'

/** A parameter's name, float offset within a block, and (torch's) shape; `transposed` when the block holds it transposed. */
export interface Placed {
  readonly name: string
  readonly at: number
  readonly shape: readonly number[]
  readonly transposed: boolean
}

/** The parameters of a layout in declaration order (weight, then bias, layer by layer). */
export const parameterSlots = (layout: Layout): readonly Placed[] =>
  layout.layers.flatMap((l) => [
    { name: l.weightName, at: l.weight, shape: [l.units, l.fanIn], transposed: l.transposed },
    ...(l.biasName === null ? [] : [{ name: l.biasName, at: l.bias, shape: [l.units], transposed: false }]),
  ])

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1)

/** Throws unless `p` names exactly these parameters with these shapes. */
export const checkParams = (names: readonly Placed[], p: Params): void => {
  const expected = new Set(names.map((n) => n.name))
  const odd = Object.keys(p).filter((k) => !expected.has(k)).concat(names.filter((n) => !(n.name in p)).map((n) => n.name))
  if (odd.length > 0) throw new Error(`fastMlp.load: parameter sets differ in [${odd.join(', ')}]`)
  for (const n of names) {
    const t = p[n.name]
    if (t.data.length !== size(n.shape) || t.shape.join() !== n.shape.join()) {
      throw new RangeError(`fastMlp.load: ${n.name} has shape [${t.shape.join(', ')}], expected [${n.shape.join(', ')}]`)
    }
  }
}

/** Tensor `data` of parameter n into the block whose first float is `base`, transposing when the block holds it so. */
const copyIn = (heap: Float32Array, base: number, n: Placed, data: Float32Array): void => {
  if (!n.transposed) {
    heap.set(data, base + n.at)
    return
  }
  const [rows, cols] = n.shape
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) heap[base + n.at + j * rows + i] = data[i * cols + j]
}

/** Parameter n out of the block whose first float is `base`, in torch's layout, as a fresh tensor. */
const copyOut = (heap: Float32Array, base: number, n: Placed): Tensor => {
  if (!n.transposed) return { shape: [...n.shape], data: heap.slice(base + n.at, base + n.at + size(n.shape)) }
  const [rows, cols] = n.shape
  const data = new Float32Array(rows * cols)
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[i * cols + j] = heap[base + n.at + j * rows + i]
  return { shape: [...n.shape], data }
}

/** `p` into the block at byte address `block`. */
export const writeParams = (heap: Float32Array, block: number, names: readonly Placed[], p: Params): void => {
  for (const n of names) copyIn(heap, block >> 2, n, p[n.name].data)
}

/** The block at byte address `block` as parameters. */
export const readParams = (heap: Float32Array, block: number, names: readonly Placed[]): Params =>
  Object.fromEntries(names.map((n) => [n.name, copyOut(heap, block >> 2, n)]))

/**
 * The slots of `tensors` (`<param>.<slot>`, already checked by the optimizer's `restore`) into
 * their blocks, absent ones as zeros. Returns whether the lazy slot (the momentum buffer) exists.
 */
export const writeSlots = (
  heap: Float32Array, blocks: readonly number[], slots: readonly SlotBlock[], names: readonly Placed[], floats: number,
  s: { readonly tensors: Params },
): boolean => {
  let buffer = false
  for (const sb of slots) {
    const base = blocks[sb.block] >> 2
    const present = names.some((n) => `${n.name}.${sb.slot}` in s.tensors)
    heap.fill(0, base, base + floats)
    if (present) for (const n of names) copyIn(heap, base, n, s.tensors[`${n.name}.${sb.slot}`].data)
    if (sb.lazy) buffer = present
  }
  return buffer
}

/** The slot blocks as `<param>.<slot>` tensors, slot by slot as src/optim names them; the lazy slot only when it exists. */
export const readSlots = (
  heap: Float32Array, blocks: readonly number[], slots: readonly SlotBlock[], names: readonly Placed[], buffer: boolean,
): Params => {
  const tensors: Record<string, Tensor> = {}
  for (const sb of slots) {
    if (sb.lazy && !buffer) continue
    for (const n of names) tensors[`${n.name}.${sb.slot}`] = copyOut(heap, blocks[sb.block] >> 2, n)
  }
  return tensors
}
