/**
 * Why the cost must undo the output unit's saturation. A sigmoid output with target 1 and logit
 * z = −10 is confidently wrong. Under MSE the gradient with respect to z carries the factor
 * σ′(z) ≈ 4.5·10⁻⁵ and learning stalls; under cross-entropy the log cancels the exp and the
 * gradient is σ(z) − 1 ≈ −1. All gradients here come from the symbolic `grad`.
 */
import { lineChart } from '../../plot/charts/lines.js'
import { linspace } from '../../plot/charts/functions.js'
import { toSvg } from '../../plot/figure.js'
import { builder } from '../../../graph/builder.js'
import { grad } from '../../../graph/grad.js'
import type { Loss } from '../../../graph/loss.js'
import { compileNet } from '../../../graph/net.js'
import { compile } from '../../../graph/plan.js'
import { sigmoid } from '../../../layers/activations.js'
import { dense } from '../../../layers/dense.js'
import { serial } from '../../../layers/serial.js'
import { binaryCrossEntropy } from '../../../losses/binaryCrossEntropy.js'
import { mse } from '../../../losses/mse.js'
import { sgd } from '../../../optim/sgd.js'
import { BATCH } from '../../../tensor/shape.js'
import { tensor } from '../../../tensor/tensor.js'
import type { Shown } from '../example.js'
import { fit, fullBatches } from '../support/fit.js'

const logit = -10
const target = 1
const learningRate = 4
const steps = 3500

/** z ↦ [loss, ∂loss/∂z] of one example for a sigmoid output under `loss`. */
const atLogit = (loss: Loss): ((z: number) => [number, number]) => {
  const g = builder()
  const z = g.input('z', [BATCH, 1])
  const y = g.input('y', [BATCH, 1])
  const l = loss.build(g, g.sigmoid(z), y)
  const [dz] = grad(g, l, [z])
  const plan = compile([l, dz], [z, y])
  return (v) => {
    const [lv, dv] = plan.run([tensor([1, 1], [v]), tensor([1, 1], [target])])
    return [lv.data[0], dv.data[0]]
  }
}

/** Gradient descent on the logit: a sigmoid unit whose logit is its bias (its input is 0), trained through the pipeline. */
const descend = async (loss: Loss): Promise<number[]> => {
  const net = compileNet(serial(dense({ units: 1 }), sigmoid()), loss, { inputs: 1 })
  const params = { '0.weight': tensor([1, 1], [0]), '0.bias': tensor([1], [logit]) }
  const zs = [logit]
  await fit(net, sgd({ learningRate }), params, fullBatches(tensor([1, 1], [0]), tensor([1, 1], [target]), steps), (s) =>
    zs.push(s.params['0.bias'].data[0]),
  )
  return zs
}

/** Losses and their logit gradients over z ∈ [−10, 10] for target 1, and gradient descent on z from −10. */
export const saturation = async (): Promise<Shown> => {
  const pairs = [
    { name: 'MSE', loss: mse, f: atLogit(mse) },
    { name: 'cross-entropy', loss: binaryCrossEntropy, f: atLogit(binaryCrossEntropy) },
  ]
  const zs = linspace([-10, 10], 201)
  const curves = pairs.map((p) => zs.map(p.f))
  const [mseAt, ceAt] = pairs.map((p) => p.f(logit))
  const paths = await Promise.all(pairs.map((p) => descend(p.loss)))
  const rightAt = paths.map((path) => path.findIndex((z) => z > 0))
  const stepsAxis = paths[0].map((_, i) => i)

  const svg = toSvg({
    title: 'A sigmoid output, target 1, confidently wrong at z = −10: MSE saturates, cross-entropy does not',
    panels: [
      lineChart({
        title: 'Loss of one example',
        series: pairs.map((p, i) => ({ name: p.name, x: zs, y: curves[i].map(([l]) => l) })),
        x: { label: 'logit z' },
        y: { label: 'loss' },
      }),
      {
        ...lineChart({
          title: '|∂loss/∂z| (log scale)',
          series: pairs.map((p, i) => ({ name: p.name, x: zs, y: curves[i].map(([, d]) => Math.abs(d)) })),
          x: { label: 'logit z' },
          y: { label: '|gradient|', scale: 'log' },
        }),
        marks: [
          ...pairs.map((p, i) => ({ kind: 'line' as const, name: p.name, x: zs, y: curves[i].map(([, d]) => Math.abs(d)) })),
          {
            kind: 'points',
            x: [logit, logit],
            y: [Math.abs(mseAt[1]), Math.abs(ceAt[1])],
            labels: [`MSE: ${mseAt[1].toExponential(2)}`, `cross-entropy: ${ceAt[1].toFixed(5)}`],
            color: '#222',
          },
        ],
      },
      {
        ...lineChart({
          title: `Gradient descent on z from −10 (η = ${learningRate})`,
          series: pairs.map((p, i) => ({ name: p.name, x: stepsAxis, y: paths[i] })),
          x: { label: 'step' },
          y: { label: 'logit z' },
          legend: 'none',
        }),
        marks: [
          { kind: 'rule', y: 0, dash: true },
          ...pairs.map((p, i) => ({ kind: 'line' as const, name: p.name, x: stepsAxis, y: paths[i] })),
          ...pairs.map((p, i) => ({
            kind: 'text' as const,
            at: i === 0 ? ([Math.max(rightAt[i], 0) - 100, -4] as const) : ([300, 7.2] as const),
            text: `${p.name}: z > 0 after ${rightAt[i] < 0 ? `more than ${steps}` : rightAt[i]} steps`,
            anchor: i === 0 ? ('end' as const) : ('start' as const),
          })),
        ],
      },
    ],
    width: 460,
  })
  return {
    json: {
      setup: 'sigmoid output p = σ(z), target y = 1, one example',
      logit,
      probability: 1 / (1 + Math.exp(-logit)),
      mseGrad: mseAt[1],
      crossEntropyGrad: ceAt[1],
      mseLoss: mseAt[0],
      crossEntropyLoss: ceAt[0],
      gradientDescent: {
        learningRate,
        stepsUntilRight: Object.fromEntries(pairs.map((p, i) => [p.name, rightAt[i] < 0 ? null : rightAt[i]])),
        maxSteps: steps,
      },
    },
    svg,
  }
}
