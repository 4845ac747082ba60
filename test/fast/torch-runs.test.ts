/**
 * The recorded torch 1.13 training runs (fixtures/training/runs.json) replayed by the fused
 * trainer: every run whose model is a plain MLP, on both builds, loss and parameters after every
 * step within 1e-5 relative to max(|w|, 0.01); the others must be refused with a reason.
 */
import { describe, expect, it } from 'vitest'
import { fastMlpOfSpec } from '../../src/fast/spec.js'
import { optimizerOf } from '../../src/spec/build.js'
import type { LayerSpec, LossSpec } from '../../src/spec/model.js'
import type { OptimizerSpec } from '../../src/spec/optimizer.js'
import type { Params } from '../../src/tensor/params.js'
import { type TorchRun, initialParams, torchRuns, worstRelativeError } from '../support/torchRuns.js'

type Run = TorchRun<LayerSpec, LossSpec['type'], OptimizerSpec>

const runs = torchRuns<Run>()
const specOf = (run: Run) => ({
  model: { inputs: run.inputs, layers: run.layers },
  loss: { type: run.loss } as LossSpec,
  optimizer: run.optimizer,
  regularization: run.regularization,
})

/** The run's batches in stream order, epoch after epoch, each epoch's last partial batch kept. */
const batchesOf = (run: Run): { x: Float32Array; y: Float32Array; size: number }[] =>
  Array.from({ length: run.epochs }, () =>
    Array.from({ length: Math.ceil(run.x.length / run.batchSize) }, (_, b) => {
      const rows = [...run.x.keys()].slice(b * run.batchSize, (b + 1) * run.batchSize)
      return { x: Float32Array.from(rows.flatMap((r) => run.x[r])), y: Float32Array.from(rows.flatMap((r) => run.y[r])), size: rows.length }
    }),
  ).flat()

const eligible = runs.filter((r) => fastMlpOfSpec(specOf(r)).ok)

describe('torch runs replayed by the fused trainer', () => {
  it('takes exactly the plain-MLP runs and names why it refuses the others', () => {
    const refused = runs.filter((r) => !eligible.includes(r)).map((r) => {
      const l = fastMlpOfSpec(specOf(r))
      return [r.name, l.ok ? '' : l.reason]
    })

    expect(eligible.map((r) => r.name)).toEqual(['xor-relu-sgd-momentum', 'tanh-softmax-adam', 'sigmoid-bce-rmsprop-l2', 'abs-l1-adagrad'])
    expect(refused).toEqual([
      ['prelu-maxout-adamw-mae', 'model.layers[1]: prelu is not a dense layer or an elementwise activation'],
      ['mdn-nll-adam', 'model.layers[3]: mdn is not a dense layer or an elementwise activation'],
      ['gaussian-nll-sgd-nesterov', 'loss.type: gaussian-nll is not fused with an output unit'],
    ])
  })

  it.each(eligible.flatMap((r) => (['relaxed', 'simd'] as const).map((build) => [`${r.name}, ${build}`, r, build] as const)))(
    '%s: loss and parameters after every step',
    (_, run, build) => {
      const loaded = fastMlpOfSpec(specOf(run), { build })
      if (!loaded.ok) throw new Error(loaded.reason)
      const mlp = loaded.mlp
      const params: Params = initialParams(run)
      const tx = optimizerOf(run.optimizer)
      mlp.load(params, tx.slots(tx.init(params)))

      const steps = batchesOf(run).map((b) => ({ loss: mlp.step(b.x, b.y, b.size), params: mlp.params() }))

      expect(steps).toHaveLength(run.steps.length)
      steps.forEach((s, i) => expect(s.loss).toBeCloseTo(run.steps[i].loss, 5))
      const { worst, at } = worstRelativeError(run, steps)
      expect(worst, at).toBeLessThanOrEqual(1e-5)
      console.log(`${run.name} (${build}): largest error relative to max(|w|, 0.01) ${worst.toExponential(2)} (${at}) over ${steps.length} steps`)
    },
  )
})
