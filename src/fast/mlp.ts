/**
 * The fused trainer: a plain MLP whose parameters and optimizer slots live in WASM memory and
 * are updated in place, one WASM call per step. It does the generic pipeline's mathematics
 * (CONTRACT semantics, torch's optimizers) in float32 with another summation order and with
 * approximated tanh and exp (1.3 ulp) and sigmoid (2.3 ulp), so its numbers agree with the generic
 * path's closely, not bit for bit; on one machine and build they are deterministic.
 *
 * This object is the one mutable thing here, by design: `params()` and `slots()` hand out
 * immutable snapshots, and `yhat()` a view that the next step overwrites. Its WASM memory is
 * never returned (the arena only grows), so make one per training, not one per step.
 */
import { optimizerOf } from '../spec/build.js'
import type { Slots } from '../optim/optimizer.js'
import type { Params } from '../tensor/params.js'
import type { WasmBuild } from '../tensor/wasm/load.js'
import { FLAG_BUFFER, HYPER_LR, NET_APPLIED, NET_FLAGS, NET_STEP } from '../wasm/assembly/mlp/fields.js'
import { type MlpDescription, descriptionProblem } from './describe.js'
import { type Layout, layoutOf } from './layout.js'
import { type Record32, type Workspace, hyperAt, netWords, record, workspace, writeNet } from './records.js'
import { fastRuntime } from './runtime.js'
import { slotBlocks } from './slots.js'
import { checkParams, parameterSlots, readParams, readSlots, writeParams, writeSlots } from './state.js'

/** A plain MLP training in place in WASM memory. */
export interface FastMlp {
  readonly description: MlpDescription
  /** The WASM build it runs on. */
  readonly build: WasmBuild
  /** Copies parameters (`0.weight` [units, fanIn], `0.bias` [units]) and optimizer slots in. */
  load(params: Params, slots: Slots): void
  /**
   * Trains one batch (x [batch, inputs], y [batch, outputs]) in place and returns its mean data
   * loss before the update (regularization excluded). When the loss or any gradient is not
   * finite (a NaN input gives a NaN loss) nothing changes: parameters, slots and the step count
   * stay as they were and `applied()` is false, the generic pipeline's non-finite guard.
   */
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
  /** Batches up to this size use the unpacked kernels, larger ones the packed matmul (default 32; see bench/fast.ts). */
  readonly smallBatch?: number
  /** The batch size to reserve buffers for at first (they grow when a larger batch arrives). */
  readonly batch?: number
  /** Where the builds are (dist/wasm by default). */
  readonly wasmDir?: URL
}

/** A trainer, or why there is none (not a plain MLP, or no WASM SIMD here). */
export type FastLoad = { readonly ok: true; readonly mlp: FastMlp } | { readonly ok: false; readonly reason: string }

/** The first n floats of `from` into `to`: a plain loop for short runs, where TypedArray.set's call costs more than the copy. */
const copyInto = (to: Float32Array, from: Float32Array, n: number): void => {
  if (n > 64) to.set(from.length === n ? from : from.subarray(0, n))
  else for (let i = 0; i < n; i++) to[i] = from[i]
}

/** Predictions run in chunks of this many rows, so a large evaluation set needs no large workspace. */
const PREDICT_CHUNK = 256

/** A trainer for `d` on the WASM runtime, or why there is none; its parameters start at zero until `load`. */
export const loadFastMlp = (d: MlpDescription, options: FastMlpOptions = {}): FastLoad => {
  const problem = descriptionProblem(d)
  if (problem !== null) return { ok: false, reason: problem }
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
  writeNet(net, layout, d.optimizer, penalty, { params, grads, slots: slotAt, gemm: gemmWorkspace }, options.smallBatch ?? 32)

  let train: Workspace = workspace(arena, layout, Math.max(1, options.batch ?? 1))
  let predictWs: Workspace | null = null
  let last = 0
  const heap = (): Float32Array => arena.heap()

  const names = parameterSlots(layout)
  const run = (x: Float32Array, y: Float32Array, batch: number, ws: Workspace): void => {
    copyInto(ws.x, x, batch * layout.inputs)
    copyInto(ws.y, y, batch * layout.outputs)
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
      checkParams(names, p)
      // The generic optimizer's own checks: slot names, shapes, and the step count.
      reference.restore(s, p)
      const h = heap()
      writeParams(h, params, names, p)
      const buffer = writeSlots(h, slotAt, blocksOf, names, layout.floats, s)
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
    params: () => readParams(heap(), params, names),
    slots: () => ({
      tensors: readSlots(heap(), slotAt, blocksOf, names, (net.words[NET_FLAGS] & FLAG_BUFFER) !== 0),
      step: net.words[NET_STEP],
    }),
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
