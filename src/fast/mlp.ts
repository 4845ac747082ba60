/**
 * The fused trainer: a plain MLP whose parameters and optimizer slots live in WASM memory and
 * are updated in place, one WASM call per step. It does the generic pipeline's mathematics
 * (CONTRACT semantics, torch's optimizers) in float32 with another summation order and with
 * approximated tanh, sigmoid and exp (about 1.3 ulp), so its numbers agree with the generic
 * path's closely, not bit for bit; on one machine and build they are deterministic.
 *
 * This object is the one mutable thing here, by design: `params()` and `slots()` hand out
 * immutable snapshots, and `yhat()` a view that the next step overwrites.
 */
import { optimizerOf } from '../spec/build.js'
import type { Slots } from '../optim/optimizer.js'
import type { Params } from '../tensor/params.js'
import type { Tensor } from '../tensor/tensor.js'
import type { WasmBuild } from '../tensor/wasm/load.js'
import { FLAG_BUFFER, HYPER_LR, NET_APPLIED, NET_FLAGS, NET_STEP } from '../wasm/assembly/mlp/fields.js'
import type { MlpDescription } from './describe.js'
import { type Layout, layoutOf } from './layout.js'
import { type Record32, type Workspace, hyperAt, netWords, record, workspace, writeNet } from './records.js'
import { fastRuntime } from './runtime.js'
import { slotBlocks } from './slots.js'

/** A plain MLP training in place in WASM memory. */
export interface FastMlp {
  readonly description: MlpDescription
  /** The WASM build it runs on. */
  readonly build: WasmBuild
  /** Copies parameters (`0.weight` [units, fanIn], `0.bias` [units]) and optimizer slots in. */
  load(params: Params, slots: Slots): void
  /** Trains one batch (x [batch, inputs], y [batch, outputs]) in place; returns its mean data loss before the update. */
  step(x: Float32Array, y: Float32Array, batch: number): number
  /** Whether the last step was applied: false when its loss or a gradient was not finite (nothing changed). */
  applied(): boolean
  /** The last step's output [batch, outputs], made before its update: a view the next step overwrites. */
  yhat(): Float32Array
  /** A snapshot of the parameters. */
  params(): Params
  /** A snapshot of the optimizer slots and the number of steps applied, as `Optimizer.slots` gives them. */
  slots(): Slots
  /** The model's output for `batch` inputs, as a fresh array (the output unit applied, softmax included). */
  predict(x: Float32Array, batch: number): Float32Array
  /** Replaces the learning rate from the next step on (the state stays valid, as in src/optim). */
  setLearningRate(learningRate: number): void
}

/** Options of `fastMlp`. */
export interface FastMlpOptions {
  /** The WASM build; by default relaxed SIMD where it runs, else plain SIMD. */
  readonly build?: WasmBuild
  /** Batches up to this size use the unpacked kernels, larger ones the packed matmul (default 24). */
  readonly smallBatch?: number
  /** The batch size to reserve buffers for at first (they grow when a larger batch arrives). */
  readonly batch?: number
  /** Where the builds are (dist/wasm by default). */
  readonly wasmDir?: URL
}

/** A trainer, or why there is none (not a plain MLP, or no WASM SIMD here). */
export type FastLoad = { readonly ok: true; readonly mlp: FastMlp } | { readonly ok: false; readonly reason: string }

/** Predictions run in chunks of this many rows, so a large evaluation set needs no large workspace. */
const PREDICT_CHUNK = 256

const copyOut = (heap: Float32Array, at: number, shape: readonly number[]): Tensor => {
  const n = shape.reduce((a, b) => a * b, 1)
  return { shape: [...shape], data: heap.slice(at, at + n) }
}

/** A trainer for `d` on the WASM runtime; its parameters start at zero until `load`. */
export const loadFastMlp = (d: MlpDescription, options: FastMlpOptions = {}): FastLoad => {
  const loaded = fastRuntime(options.build, options.wasmDir)
  if (!loaded.ok) return loaded
  const { exports: ex, arena, build, gemmWorkspace } = loaded.runtime
  // Validates the options as the generic path does (torch's argument checks).
  const reference = optimizerOf(d.optimizer)
  const layout: Layout = layoutOf(d)
  const blocksOf = slotBlocks(d.optimizer)
  const block = (): number => arena.reserve(layout.floats * 4)
  const params = block()
  const grads = block()
  const used = new Set(blocksOf.map((s) => s.block))
  const slotAt = ([0, 1, 2] as const).map((b) => (used.has(b) ? block() : 0)) as [number, number, number]
  const net: Record32 = record(arena, netWords(layout.layers.length))
  const penalty = { l1: d.regularization?.l1 ?? 0, l2: d.regularization?.l2 ?? 0 }
  writeNet(net, layout, d.optimizer, penalty, { params, grads, slots: slotAt, gemm: gemmWorkspace }, options.smallBatch ?? 24)

  let train: Workspace = workspace(arena, layout, Math.max(1, options.batch ?? 1))
  let predictWs: Workspace | null = null
  let last = 0
  const heap = (): Float32Array => arena.heap()

  const names = layout.layers.flatMap((l) => [
    { name: l.weightName, at: l.weight, shape: [l.units, l.fanIn] },
    ...(l.biasName === null ? [] : [{ name: l.biasName, at: l.bias, shape: [l.units] }]),
  ])

  const checkParams = (p: Params): void => {
    const expected = new Set(names.map((n) => n.name))
    const odd = Object.keys(p).filter((k) => !expected.has(k)).concat(names.filter((n) => !(n.name in p)).map((n) => n.name))
    if (odd.length > 0) throw new Error(`fastMlp.load: parameter sets differ in [${odd.join(', ')}]`)
    for (const n of names) {
      const t = p[n.name]
      if (t.data.length !== n.shape.reduce((a, b) => a * b, 1) || t.shape.join() !== n.shape.join()) {
        throw new RangeError(`fastMlp.load: ${n.name} has shape [${t.shape.join(', ')}], expected [${n.shape.join(', ')}]`)
      }
    }
  }

  const run = (x: Float32Array, y: Float32Array | null, batch: number, ws: Workspace): void => {
    ws.x.set(x.length === batch * layout.inputs ? x : x.subarray(0, batch * layout.inputs))
    if (y !== null) ws.y.set(y.length === batch * layout.outputs ? y : y.subarray(0, batch * layout.outputs))
  }

  const checkBatch = (op: string, x: Float32Array, y: Float32Array | null, batch: number): void => {
    if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`fastMlp.${op}: batch must be a positive integer, got ${batch}`)
    if (x.length < batch * layout.inputs || (y !== null && y.length < batch * layout.outputs)) {
      throw new RangeError(
        `fastMlp.${op}: a batch of ${batch} needs x [${batch}, ${layout.inputs}]` +
          (y === null ? '' : ` and y [${batch}, ${layout.outputs}]`) +
          `, got ${x.length}` + (y === null ? '' : ` and ${y.length}`) + ' floats',
      )
    }
  }

  const mlp: FastMlp = {
    description: d,
    build,
    load: (p, s) => {
      checkParams(p)
      // The generic optimizer's own checks: slot names, shapes, and the step count.
      reference.restore(s, p)
      const h = heap()
      for (const n of names) h.set(p[n.name].data, (params >> 2) + n.at)
      let buffer = false
      for (const sb of blocksOf) {
        const base = slotAt[sb.block] >> 2
        const present = names.some((n) => `${n.name}.${sb.slot}` in s.tensors)
        h.fill(0, base, base + layout.floats)
        if (present) for (const n of names) h.set(s.tensors[`${n.name}.${sb.slot}`].data, base + n.at)
        if (sb.lazy) buffer = present
      }
      net.words[NET_FLAGS] = (net.words[NET_FLAGS] & ~FLAG_BUFFER) | (buffer ? FLAG_BUFFER : 0)
      net.words[NET_STEP] = s.step
    },
    step: (x, y, batch) => {
      checkBatch('step', x, y, batch)
      if (batch > train.capacity) train = workspace(arena, layout, Math.max(batch, 2 * train.capacity))
      run(x, y, batch, train)
      last = batch
      return ex.mlpStep(net.address, train.address, batch)
    },
    applied: () => net.words[NET_APPLIED] === 1,
    yhat: () => train.output.subarray(0, last * layout.outputs),
    params: () => {
      const h = heap()
      return Object.fromEntries(names.map((n) => [n.name, copyOut(h, (params >> 2) + n.at, n.shape)]))
    },
    slots: () => {
      const h = heap()
      const buffer = (net.words[NET_FLAGS] & FLAG_BUFFER) !== 0
      const tensors: Record<string, Tensor> = {}
      for (const sb of blocksOf) {
        if (sb.lazy && !buffer) continue
        for (const n of names) tensors[`${n.name}.${sb.slot}`] = copyOut(h, (slotAt[sb.block] >> 2) + n.at, n.shape)
      }
      return { tensors, step: net.words[NET_STEP] }
    },
    predict: (x, batch) => {
      checkBatch('predict', x, null, batch)
      const chunk = Math.min(batch, PREDICT_CHUNK)
      if (predictWs === null || predictWs.capacity < chunk) predictWs = workspace(arena, layout, chunk)
      const ws = predictWs
      const out = new Float32Array(batch * layout.outputs)
      for (let r = 0; r < batch; r += chunk) {
        const rows = Math.min(chunk, batch - r)
        ws.x.set(x.subarray(r * layout.inputs, (r + rows) * layout.inputs))
        ex.mlpForward(net.address, ws.address, rows)
        out.set(ws.output.subarray(0, rows * layout.outputs), r * layout.outputs)
      }
      return out
    },
    setLearningRate: (learningRate) => {
      if (!(learningRate >= 0)) throw new RangeError(`fastMlp.setLearningRate: learningRate must be non-negative, got ${learningRate}`)
      net.doubles[hyperAt(HYPER_LR)] = learningRate
    },
  }
  return { ok: true, mlp }
}

/** The trainer for `d`, or null when it cannot run (`loadFastMlp` says why). */
export const fastMlp = (d: MlpDescription, options: FastMlpOptions = {}): FastMlp | null => {
  const r = loadFastMlp(d, options)
  return r.ok ? r.mlp : null
}
