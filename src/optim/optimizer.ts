/**
 * Optimizers: transforms whose state can be written the way torch names it — `<param>.<slot>`
 * tensors plus the number of steps taken — and read back bit for bit. The checkpoint module adds
 * the `optimizer.` prefix. The learning rate is never part of the state, so a state stays valid
 * when the learning rate (or its schedule) is swapped.
 */
import { type Params, mapParams } from '../tensor/params.js'
import { sameShape, showShape } from '../tensor/shape.js'
import { type Tensor, cloneTensor } from '../tensor/tensor.js'
import type { Transform } from './transform.js'

/** An optimizer state as named tensors (`0.weight.exp_avg`, torch's slot names) and the step count. */
export interface Slots {
  readonly tensors: Params
  readonly step: number
}

/** A transform whose state can be saved as `Slots` and restored from them. */
export interface Optimizer<S> extends Transform<S> {
  /** The state's tensors under `<param>.<slot>` names and the number of steps taken. */
  slots(state: S): Slots
  /** The state `slots` describes, checked against the parameters' names and shapes; copies the tensors. */
  restore(slots: Slots, params: Params): S
}

/** `<param>.<slot>` → the state's own (immutable) tensors; null slots (torch's lazy state) are left out. */
export const nameSlots = (slots: { readonly [slot: string]: Params | null }): Params => {
  const out: Record<string, Tensor> = {}
  for (const slot of Object.keys(slots)) {
    const p = slots[slot]
    if (p !== null) for (const name of Object.keys(p)) out[`${name}.${slot}`] = p[name]
  }
  return out
}

/**
 * The named slots read back from `slots.tensors` as copies, one set per slot, or null for a slot
 * none of whose tensors is present. Throws on a partly present slot, a tensor no slot names, a
 * shape unlike its parameter's, or a step that is not a count.
 */
export const readSlots = <N extends string>(
  op: string,
  slots: Slots,
  params: Params,
  names: readonly N[],
): { readonly [K in N]: Params | null } => {
  const { tensors, step } = slots
  if (!Number.isInteger(step) || step < 0) throw new RangeError(`${op}: step must be a count of steps, got ${step}`)
  const expected = new Set(names.flatMap((slot) => Object.keys(params).map((name) => `${name}.${slot}`)))
  const extra = Object.keys(tensors).filter((k) => !expected.has(k))
  if (extra.length > 0) {
    throw new Error(
      `${op}: unexpected slots [${extra.join(', ')}]; were they written by another optimizer or for other parameters?`,
    )
  }
  const read = (slot: N): Params | null => {
    const keys = Object.keys(params).map((name) => `${name}.${slot}`)
    const missing = keys.filter((k) => !(k in tensors))
    if (missing.length === keys.length && keys.length > 0) return null
    if (missing.length > 0) throw new Error(`${op}: slots [${missing.join(', ')}] are missing`)
    return mapParams(params, (p, name) => {
      const t = tensors[`${name}.${slot}`]
      if (t.data.length !== p.data.length || !sameShape(t.shape, p.shape)) {
        throw new RangeError(
          `${op}: slot ${name}.${slot} has shape ${showShape(t.shape)}, its parameter ${showShape(p.shape)}`,
        )
      }
      return cloneTensor(t)
    })
  }
  return Object.fromEntries(names.map((slot) => [slot, read(slot)])) as { readonly [K in N]: Params | null }
}

/** The slot's tensors, or a throw naming the slot when the checkpoint lacks it. */
export const requireSlot = (op: string, slot: string, value: Params | null): Params => {
  if (value === null) throw new Error(`${op}: the ${slot} slots are missing`)
  return value
}

/** Throws a RangeError, as torch's constructors throw ValueError, when an option is out of range. */
export const checkOption = (op: string, name: string, value: number, ok: boolean, expected: string): void => {
  if (!ok) throw new RangeError(`${op}: ${name} must be ${expected}, got ${value}`)
}
