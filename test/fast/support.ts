/** Shared wiring for the fused-trainer tests: small specs, seeded batches, and both trainers run side by side. */
import { from, lastValueFrom, toArray } from 'rxjs'
import { fastMlpOfSpec } from '../../src/fast/spec.js'
import type { FastMlp } from '../../src/fast/mlp.js'
import type { LayerSpec, LossSpec } from '../../src/spec/model.js'
import type { OptimizerSpec } from '../../src/spec/optimizer.js'
import type { Spec } from '../../src/spec/spec.js'
import { netOf, optimizerOf } from '../../src/spec/build.js'
import { train } from '../../src/pipeline/train.js'
import type { Batch, Stepped } from '../../src/pipeline/records.js'
import { type Kernels, plainKernels } from '../../src/tensor/kernels.js'
import type { Params } from '../../src/tensor/params.js'
import { key, unit } from '../../src/tensor/random.js'
import { tensor } from '../../src/tensor/tensor.js'
import type { WasmBuild } from '../../src/tensor/wasm/load.js'

/** The parts of a spec the trainers read. */
export type ModelParts = Pick<Spec, 'model' | 'loss' | 'optimizer' | 'regularization'>

/** The output unit each loss pairs with. */
const outputUnit: { readonly [L in LossSpec['type']]?: LayerSpec[] } = {
  mse: [],
  mae: [],
  'binary-cross-entropy': [{ type: 'sigmoid' }],
  'cross-entropy': [{ type: 'softmax' }],
}

/** inputs → hidden (act) → hidden (act) → outputs, with the loss's output unit. */
export const mlpSpec = (
  act: LayerSpec,
  loss: LossSpec['type'],
  optimizer: OptimizerSpec,
  { inputs = 5, hidden = [8, 6], outputs = 3, l1 = 0, l2 = 0 } = {},
): ModelParts => ({
  model: {
    inputs,
    layers: [...hidden.flatMap((units): LayerSpec[] => [{ type: 'dense', units }, act]), { type: 'dense', units: outputs }, ...(outputUnit[loss] ?? [])],
  },
  loss: { type: loss } as LossSpec,
  optimizer,
  regularization: { l1, l2 },
})

/**
 * `count` batches of `size` seeded examples fitting the spec's loss (one-hot classes for
 * cross-entropy, 0/1 for BCE); about a `zeros` share of the inputs are 0 (sparse inputs).
 */
export const batchesOf = (spec: ModelParts, seed: number, count: number, size: number, zeros = 0): Batch[] => {
  const inputs = spec.model.inputs
  const outputs = netOf(spec).targets
  const k = key(seed)
  let i = 0
  const draw = (): number => unit(k, i++)
  return Array.from({ length: count }, (_, b) => {
    const x = Float32Array.from({ length: size * inputs }, () => (draw() < zeros ? 0 : 2 * draw() - 1))
    const y = new Float32Array(size * outputs)
    for (let r = 0; r < size; r++) {
      if (spec.loss.type === 'cross-entropy') y[r * outputs + Math.floor(draw() * outputs)] = 1
      else for (let j = 0; j < outputs; j++) y[r * outputs + j] = spec.loss.type === 'binary-cross-entropy' ? (draw() < 0.5 ? 0 : 1) : 2 * draw() - 1
    }
    return { x: tensor([size, inputs], x), y: tensor([size, outputs], y), lines: Array.from({ length: size }, (_, r) => b * size + r + 1), epoch: 0 }
  })
}

/** The generic staged pipeline (`train` + compileNet + optimizerOf) over the batches, with plain kernels unless given others. */
export const trainGeneric = async (spec: ModelParts, params: Params, batches: readonly Batch[], kernels?: Kernels): Promise<Stepped[]> => {
  // The reference is the plain TypeScript kernels (netOf would pick the WASM ones where they run).
  const net = netOf(spec, kernels ?? plainKernels)
  const tx = optimizerOf(spec.optimizer)
  return lastValueFrom(from(batches).pipe(train({ step: 0, params, optState: tx.init(params) }, { net, optimizer: tx, frozen: new Set() }), toArray()))
}

/** A fused trainer for the spec, failing (not skipping) when it cannot load. */
export const fastOf = (spec: ModelParts, build?: WasmBuild, smallBatch?: number): FastMlp => {
  const r = fastMlpOfSpec(spec, { ...(build === undefined ? {} : { build }), ...(smallBatch === undefined ? {} : { smallBatch }) })
  if (!r.ok) throw new Error(`fastMlpOfSpec: ${r.reason}`)
  return r.mlp
}

/** The fused trainer over the same batches from the same start: its losses and final parameters. */
export const trainFast = (spec: ModelParts, params: Params, batches: readonly Batch[], build?: WasmBuild, smallBatch?: number) => {
  const mlp = fastOf(spec, build, smallBatch)
  const tx = optimizerOf(spec.optimizer)
  mlp.load(params, tx.slots(tx.init(params)))
  const losses = batches.map((b) => mlp.step(b.x.data, b.y.data, b.x.shape[0]))
  return { mlp, losses, params: mlp.params() }
}

/** The largest |a − b| / max(|b|, floor) over all parameters, and where. */
export const worstError = (a: Params, b: Params, floor = 0.01): { readonly error: number; readonly at: string } => {
  let error = 0
  let at = ''
  for (const name of Object.keys(b)) {
    const x = a[name].data
    const y = b[name].data
    for (let i = 0; i < y.length; i++) {
      const e = Math.abs(x[i] - y[i]) / Math.max(Math.abs(y[i]), floor)
      if (!(e <= error)) [error, at] = [e, `${name}[${i}]: ${x[i]} vs ${y[i]}`]
    }
  }
  return { error, at }
}
