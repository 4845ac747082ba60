/**
 * The fused trainer against the generic staged pipeline (`train` + compileNet + optimizerOf):
 * 20 steps from the same parameters on the same seeded batches, for every eligible activation,
 * loss and optimizer, batch sizes 1, 3, 32 and 128, both WASM builds, and both the unpacked and
 * the packed-matmul kernels. Parameters must agree within 1e-5 relative to max(|p|, 0.01) and
 * every step's loss within 1e-5 relative to max(|loss|, 0.01).
 *
 * Float32 rounding differs between the two (another summation order, fused multiply-adds, f32
 * optimizer arithmetic where the generic recipes use f64, approximated tanh/sigmoid/exp), and
 * some trainings amplify rounding: adaptive optimizers on gradients that nearly cancel (a
 * gradient of 2e-9 among ones of 5e-4, divided by its own running RMS, moves its weight by
 * rounding noise). A case beyond 1e-5 passes only if the generic path itself moves a third as
 * far when nothing but its matmul's summation order changes (the same build's WASM matmul
 * instead of the plain kernels).
 */
import { afterAll, describe, expect, it } from 'vitest'
import type { LayerSpec, LossSpec } from '../../src/spec/model.js'
import type { OptimizerSpec } from '../../src/spec/optimizer.js'
import { netOf } from '../../src/spec/build.js'
import { key } from '../../src/tensor/random.js'
import { loadWasmKernels, type WasmKernels } from '../../src/tensor/wasm.js'
import type { WasmBuild } from '../../src/tensor/wasm/load.js'
import { type ModelParts, batchesOf, mlpSpec, trainFast, trainGeneric, worstError } from './support.js'

const optimizers: readonly (readonly [string, OptimizerSpec])[] = [
  ['sgd', { type: 'sgd', learningRate: 0.02 }],
  ['sgd momentum', { type: 'sgd', learningRate: 0.01, momentum: 0.9 }],
  ['sgd nesterov', { type: 'sgd', learningRate: 0.01, momentum: 0.9, nesterov: true }],
  ['sgd dampening', { type: 'sgd', learningRate: 0.01, momentum: 0.5, dampening: 0.3 }],
  ['adam', { type: 'adam', learningRate: 0.001 }],
  ['adamw', { type: 'adamw', learningRate: 0.001, weightDecay: 0.05 }],
  ['rmsprop', { type: 'rmsprop', learningRate: 0.001 }],
  ['rmsprop centered momentum', { type: 'rmsprop', learningRate: 0.001, centered: true, momentum: 0.5 }],
  ['adagrad', { type: 'adagrad', learningRate: 0.02 }],
]
const activations: readonly LayerSpec[] = [
  { type: 'relu' },
  { type: 'leaky-relu', alpha: 0.1 },
  { type: 'abs' },
  { type: 'sigmoid' },
  { type: 'tanh' },
  { type: 'linear' },
]
const losses: readonly LossSpec['type'][] = ['mse', 'mae', 'binary-cross-entropy', 'cross-entropy']
const builds: readonly WasmBuild[] = ['relaxed', 'simd']
const steps = 20

/** The generic path's WASM matmul on the same build: another summation order, the same kind of rounding. */
const kernelsOf = (build: WasmBuild): WasmKernels => {
  const k = loadWasmKernels(build)
  if (!k.ok) throw new Error(`wasm build '${build}' did not load: ${k.reason}`)
  return k.kernels
}

/** Largest error within 1e-5, and the cases that needed the generic path's own spread. */
const seen = { worst: 0, at: '', reordered: [] as string[] }
afterAll(() => {
  console.log(`largest error within 1e-5: ${seen.worst.toExponential(2)} (${seen.at})`)
  console.log(`beyond 1e-5, within 3× the generic path's own spread: ${seen.reordered.length === 0 ? 'none' : seen.reordered.join('; ')}`)
})

/** Trains both ways and checks parameters and losses (see the header for the tolerance). */
const agree = async (spec: ModelParts, batch: number, build: WasmBuild, smallBatch?: number, zeros = 0): Promise<void> => {
  const params = netOf(spec).init(key(3))
  const batches = batchesOf(spec, 5, steps, batch, zeros)

  const generic = await trainGeneric(spec, params, batches)
  const fast = trainFast(spec, params, batches, build, smallBatch)

  const { error, at } = worstError(fast.params, generic[steps - 1].params)
  let tolerance = 1e-5
  const what = `${spec.model.layers[1].type} ${spec.loss.type} ${spec.optimizer.type} batch ${batch} ${build}${zeros > 0 ? ' sparse' : ''}`
  if (error > tolerance) {
    const reordered = await trainGeneric(spec, params, batches, kernelsOf(build))
    const spread = worstError(reordered[steps - 1].params, generic[steps - 1].params).error
    tolerance = Math.max(tolerance, 3 * spread)
    seen.reordered.push(`${what}: ${error.toExponential(2)} (generic vs itself ${spread.toExponential(2)})`)
  } else if (error > seen.worst) [seen.worst, seen.at] = [error, `${what}, ${at}`]
  expect(error, `${at} (tolerance ${tolerance.toExponential(2)})`).toBeLessThanOrEqual(tolerance)
  generic.forEach((s, i) => expect(Math.abs(fast.losses[i] - s.loss) / Math.max(Math.abs(s.loss), 0.01), `loss of step ${i + 1}`).toBeLessThanOrEqual(tolerance))
  expect(fast.mlp.slots().step).toBe(steps)
}

/** Widths where every layer's fan-in is a multiple of 4 (batch 1 takes the outer-product update everywhere), or not. */
const widths = (i: number) => (i % 2 === 0 ? { inputs: 8, hidden: [8, 12], outputs: 4 } : { inputs: 5, hidden: [8, 6], outputs: 3 })

describe.each(builds)('fused trainer vs generic pipeline, %s build', (build) => {
  const cases = optimizers.flatMap(([name, o], i) => [1, 3, 32, 128].map((batch, j) => ({ name, o, batch, k: i * 4 + j })))
  it.each(cases)('$name, batch $batch', async ({ o, batch, k }) => {
    const act = activations[k % activations.length]
    const loss = losses[k % losses.length]
    await agree(mlpSpec(act, loss, o, widths(k)), batch, build)
  })

  const pairs = activations.flatMap((act) => losses.map((loss) => ({ act, loss, name: `${act.type} + ${loss}` })))
  it.each(pairs)('$name with L1 and L2, batches 3 and 32, momentum and adam', async ({ act, loss }) => {
    for (const [i, o] of [optimizers[1][1], optimizers[4][1]].entries()) {
      for (const batch of [3, 32]) await agree(mlpSpec(act, loss, o, { ...widths(i), l1: 0.001, l2: 0.01 }), batch, build)
    }
  })

  it.each([undefined, 0, 1000])('sparse inputs (80%% zeros: the first layer skips them), kernel limit %s', async (smallBatch) => {
    for (const batch of [1, 3, 32, 128]) {
      await agree(mlpSpec({ type: 'relu' }, 'cross-entropy', optimizers[1][1], { inputs: 20, hidden: [16, 8], outputs: 4, l2: 0.01 }), batch, build, smallBatch, 0.8)
      await agree(mlpSpec({ type: 'tanh' }, 'mse', optimizers[4][1], { inputs: 13, hidden: [6, 5], outputs: 2 }), batch, build, smallBatch, 0.8)
    }
  })

  it.each([0, 1000])('the same with every batch through the %s-row kernel limit (packed matmul / unpacked kernels)', async (smallBatch) => {
    for (const batch of [1, 3, 32, 128]) {
      await agree(mlpSpec({ type: 'tanh' }, 'cross-entropy', optimizers[4][1], widths(batch)), batch, build, smallBatch)
      await agree(mlpSpec({ type: 'relu' }, 'mse', optimizers[2][1], { ...widths(batch + 1), l2: 0.01 }), batch, build, smallBatch)
    }
  })
})
