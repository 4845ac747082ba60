/**
 * A linear model ŷ = wᵀx + b trained on XOR by gradient descent. Its best fit (the normal
 * equations give w = 0, b = ½) outputs ½ at every point: MSE ¼, no better than a constant.
 */
import { lineChart } from '../../plot/charts/lines.js'
import { toSvg } from '../../plot/figure.js'
import { compileNet } from '../../../graph/net.js'
import { dense } from '../../../layers/dense.js'
import { serial } from '../../../layers/serial.js'
import { mse } from '../../../losses/mse.js'
import { sgd } from '../../../optim/sgd.js'
import { key } from '../../../tensor/random.js'
import type { Shown } from '../example.js'
import { fit, fullBatches } from '../support/fit.js'
import { outputsOf, xorX, xorY } from '../support/xor.js'

const steps = 400

/** Full-batch gradient descent (η = 0.2) on a one-unit linear model from a seeded init. */
export const xorLinear = async (): Promise<Shown> => {
  const net = compileNet(serial(dense({ units: 1 })), mse, { inputs: 2 })
  const trace: { w1: number; w2: number; b: number; outputs: number[] }[] = []
  const initial = net.init(key(0))
  const watch = (p: typeof initial) => {
    const w = p['0.weight'].data
    trace.push({ w1: w[0], w2: w[1], b: p['0.bias'].data[0], outputs: outputsOf(net.predict(xorX, p)) })
  }
  watch(initial)
  const { params, losses } = await fit(net, sgd({ learningRate: 0.2 }), initial, fullBatches(xorX, xorY, steps), (s) => watch(s.params))
  const { loss, yhat } = net.evaluate(xorX, xorY, params)
  const outputs = outputsOf(yhat)

  const at = trace.map((_, i) => i)
  const svg = toSvg({
    title: 'A linear model cannot fit XOR: gradient descent ends at ŷ = ½ everywhere, MSE ¼',
    panels: [
      lineChart({
        title: 'Training loss (MSE)',
        series: [
          { name: 'loss', x: losses.map((_, i) => i + 1), y: losses },
          { name: 'MSE ¼ (w = 0, b = ½)', x: [1, steps], y: [0.25, 0.25], dash: true, color: '#777' },
        ],
        x: { label: 'step' },
        y: { label: 'loss', domain: [0, Math.max(0.5, ...losses.slice(0, 1))] },
      }),
      lineChart({
        title: 'Parameters',
        series: [
          { name: 'w₁', x: at, y: trace.map((t) => t.w1) },
          { name: 'w₂', x: at, y: trace.map((t) => t.w2) },
          { name: 'b', x: at, y: trace.map((t) => t.b) },
        ],
        x: { label: 'step' },
      }),
      lineChart({
        title: 'Output at each point',
        series: [0, 1, 2, 3].map((i) => ({
          name: `ŷ(${xorX.data[2 * i]},${xorX.data[2 * i + 1]}), y = ${xorY.data[i]}`,
          x: at,
          y: trace.map((t) => t.outputs[i]),
          dash: xorY.data[i] === 1,
        })),
        x: { label: 'step' },
        y: { label: 'ŷ' },
      }),
    ],
  })
  return {
    json: {
      model: 'ŷ = wᵀx + b, trained by full-batch gradient descent (η = 0.2) on MSE from seed 0',
      steps,
      mse: loss,
      outputs,
      w: Array.from(params['0.weight'].data),
      b: params['0.bias'].data[0],
      normalEquations: { w: [0, 0], b: 0.5, mse: 0.25 },
    },
    svg,
  }
}
