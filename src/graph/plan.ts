/**
 * Plans: the nodes some outputs need, in topological order, with buffers allocated once per
 * batch size and reused when a value is dead. Only the outputs are fresh on every run, so no
 * value a plan has returned ever changes afterwards.
 */
import { type Kernels, plainKernels } from '../tensor/kernels.js'
import { BATCH, type Shape, showShape, sizeOf, withBatch } from '../tensor/shape.js'
import type { Floats, Tensor, Tensor64 } from '../tensor/tensor.js'
import type { Node } from './node.js'

/** A compiled schedule: feeds in, outputs out. */
export interface PlanOf<T extends { readonly shape: Shape; readonly data: Floats }> {
  readonly feeds: readonly Node[]
  readonly outputs: readonly Node[]
  /** The op nodes in the order they run; each runs once per `run`. */
  readonly schedule: readonly Node[]
  /** Runs one minibatch: values for `feeds`, in order, give fresh values of `outputs`, in order. */
  readonly run: (feeds: readonly T[]) => T[]
}

/** A float32 plan, the one training runs. */
export type Plan = PlanOf<Tensor>

/** A float64 plan, for reference checks. */
export type Plan64 = PlanOf<Tensor64>

/** Options of `compile`. */
export interface CompileOptions {
  /** The kernels ops call (plain TypeScript unless a faster backend is given). */
  readonly kernels?: Kernels
}

/** The op nodes `outputs` need when `feeds` are given, in id (topological) order. */
const scheduleFor = (outputs: readonly Node[], feeds: readonly Node[]): Node[] => {
  const fed = new Set(feeds.map((f) => f.id))
  const seen = new Set<number>()
  const ops: Node[] = []
  const visit = (root: Node): void => {
    const stack = [root]
    while (stack.length > 0) {
      const n = stack.pop() as Node
      if (seen.has(n.id) || fed.has(n.id)) continue
      seen.add(n.id)
      if (n.kind === 'input' || n.kind === 'param') {
        throw new Error(`compile: the outputs need ${n.kind} '${n.name}' ${showShape(n.shape)}, which is not among the feeds`)
      }
      if (n.op === null) continue
      ops.push(n)
      const shapeOnly = n.op.shapeOnly ?? []
      n.inputs.forEach((i, k) => {
        if (!shapeOnly.includes(k)) stack.push(i)
      })
    }
  }
  outputs.forEach(visit)
  return ops.sort((a, b) => a.id - b.id)
}

/** Buffers and shapes of a plan for one batch size. */
interface Specialized<A extends Floats> {
  /** Per step: the concrete input shapes and the buffer the op writes (null: a fresh output). */
  readonly shapes: readonly Shape[][]
  readonly buffers: readonly (A | null)[]
  readonly sizes: readonly number[]
  readonly outShapes: readonly Shape[]
}

const compileWith = <A extends Floats, T extends { readonly shape: Shape; readonly data: A }>(
  outputs: readonly Node[],
  feeds: readonly Node[],
  alloc: (n: number) => A,
  kernels: Kernels,
  allocInternal: (n: number) => A = alloc,
): PlanOf<T> => {
  const schedule = scheduleFor(outputs, feeds)
  const slotOf = new Map<number, number>()
  feeds.forEach((f, i) => slotOf.set(f.id, i))
  schedule.forEach((n, s) => slotOf.set(n.id, feeds.length + s))
  const consts = new Map<number, A>()
  for (const i of [...outputs, ...schedule.flatMap((n) => n.inputs)]) {
    if (i.kind === 'const' && !slotOf.has(i.id) && i.value !== null) {
      const data = alloc(i.value.data.length)
      data.set(i.value.data)
      consts.set(i.id, data)
    }
  }
  const isOutput = new Set(outputs.map((o) => o.id))
  const empty = alloc(0)
  // Per step: where each input comes from (a slot, a constant, or nothing for shape-only inputs).
  const sources = schedule.map((n) => {
    const shapeOnly = n.op?.shapeOnly ?? []
    return n.inputs.map((i, k) => (shapeOnly.includes(k) ? -1 : (slotOf.get(i.id) ?? -2 - i.id)))
  })
  const lastUse = new Map<number, number>()
  schedule.forEach((n, s) => sources[s].forEach((slot) => slot >= feeds.length && lastUse.set(slot, s)))
  const batchFeeds = feeds.map((f) => f.shape.indexOf(BATCH))

  const specialize = (batch: number): Specialized<A> => {
    const pool = new Map<number, A[]>()
    const buffers: (A | null)[] = []
    const sizes: number[] = []
    const byStep = new Map<number, A>()
    schedule.forEach((n, s) => {
      const size = sizeOf(withBatch(n.shape, batch))
      sizes.push(size)
      if (isOutput.has(n.id)) buffers.push(null)
      else {
        const buffer = pool.get(size)?.pop() ?? allocInternal(size)
        buffers.push(buffer)
        byStep.set(feeds.length + s, buffer)
      }
      for (const slot of sources[s]) {
        const b = byStep.get(slot)
        if (b !== undefined && lastUse.get(slot) === s) {
          byStep.delete(slot)
          const free = pool.get(b.length) ?? []
          free.push(b)
          pool.set(b.length, free)
        }
      }
    })
    return {
      shapes: schedule.map((n) => n.inputs.map((i) => withBatch(i.shape, batch))),
      buffers,
      sizes,
      outShapes: outputs.map((o) => withBatch(o.shape, batch)),
    }
  }

  const cache = new Map<number, Specialized<A>>()
  const slots: A[] = new Array<A>(feeds.length + schedule.length).fill(empty)
  const ins: A[][] = schedule.map((n) => new Array<A>(n.inputs.length).fill(empty))

  const batchOf = (values: readonly T[]): number => {
    if (values.length !== feeds.length) throw new RangeError(`plan: expected ${feeds.length} feeds, got ${values.length}`)
    let batch = -1
    feeds.forEach((f, i) => {
      const got = values[i].shape
      const at = batchFeeds[i]
      if (at >= 0 && batch < 0) batch = got[at]
      const want = withBatch(f.shape, at >= 0 ? got[at] : 0)
      if (got.length !== want.length || got.some((d, k) => d !== want[k]) || (at >= 0 && got[at] !== batch)) {
        throw new RangeError(`plan: feed '${f.name}' should be ${showShape(f.shape)}, got ${showShape(got)}`)
      }
    })
    return batch < 0 ? 1 : batch
  }

  const run = (values: readonly T[]): T[] => {
    const batch = batchOf(values)
    let spec = cache.get(batch)
    if (spec === undefined) {
      spec = specialize(batch)
      cache.set(batch, spec)
    }
    for (let i = 0; i < feeds.length; i++) slots[i] = values[i].data
    for (let s = 0; s < schedule.length; s++) {
      const src = sources[s]
      const args = ins[s]
      for (let k = 0; k < src.length; k++) {
        const slot = src[k]
        args[k] = slot >= 0 ? slots[slot] : slot === -1 ? empty : (consts.get(-2 - slot) as A)
      }
      const out = spec.buffers[s] ?? alloc(spec.sizes[s])
      ;(schedule[s].op as NonNullable<Node['op']>).compute(args, out, spec.shapes[s], kernels)
      slots[feeds.length + s] = out
    }
    return outputs.map((o, i) => {
      const slot = slotOf.get(o.id)
      const data =
        slot === undefined ? (consts.get(o.id) as A).slice() : slot < feeds.length ? slots[slot].slice() : slots[slot]
      return { shape: spec.outShapes[i], data } as unknown as T
    })
  }

  return { feeds, outputs, schedule, run }
}

/**
 * A float32 plan computing `outputs` from `feeds`. Buffers that stay inside the plan come from
 * the kernels' own allocator when they have one (WASM memory, so matmuls need no copies); outputs
 * are fresh ordinary arrays on every run.
 */
export const compile = (outputs: readonly Node[], feeds: readonly Node[], options: CompileOptions = {}): Plan => {
  const kernels = options.kernels ?? plainKernels
  const fresh = (n: number) => new Float32Array(n)
  return compileWith<Float32Array, Tensor>(outputs, feeds, fresh, kernels, kernels.alloc ?? fresh)
}

/** A float64 plan computing `outputs` from `feeds`: the reference for finite-difference checks. */
export const compile64 = (outputs: readonly Node[], feeds: readonly Node[]): Plan64 =>
  compileWith<Float64Array, Tensor64>(outputs, feeds, (n) => new Float64Array(n), plainKernels)
