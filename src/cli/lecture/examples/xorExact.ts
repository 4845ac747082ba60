/**
 * The lecture's XOR network, with the weights from the slide: h = relu(Wᵀx + c), ŷ = wᵀh + b.
 * The four points are not linearly separable in x space; in h space they are.
 */
import { scatterPlot } from '../../plot/charts/scatter.js'
import { toSvg } from '../../plot/figure.js'
import type { Mark } from '../../plot/scene.js'
import { compileNet } from '../../../graph/net.js'
import { compile } from '../../../graph/plan.js'
import { relu } from '../../../layers/activations.js'
import { dense } from '../../../layers/dense.js'
import { serial } from '../../../layers/serial.js'
import { mse } from '../../../losses/mse.js'
import { fromRows, tensor, toRows } from '../../../tensor/tensor.js'
import type { Shown } from '../example.js'
import { outputsOf, xorClasses, xorOutputPanel, xorPoints, xorX, xorY } from '../support/xor.js'

/** W, c, w, b as on the slide. */
const slide = { W: [[1, 1], [1, 1]], c: [0, -1], w: [1, -2], b: 0 }

/** The 2-2-1 ReLU net with the slide's weights: outputs exactly 0, 1, 1, 0. */
export const xorExact = async (): Promise<Shown> => {
  const net = compileNet(serial(dense({ units: 2 }), relu(), dense({ units: 1 })), mse, { inputs: 2 })
  // torch layout: a dense weight is [units, fanIn], i.e. Wᵀ (the slide's W is symmetric) and wᵀ.
  const params = {
    '0.weight': fromRows(slide.W),
    '0.bias': tensor([2], slide.c),
    '2.weight': fromRows([slide.w]),
    '2.bias': tensor([1], [slide.b]),
  }
  const h = net.layers.find((l) => l.kind === 'relu')?.output
  if (h === undefined) throw new Error('xor-exact: the net has no relu layer')
  const paramNodes = net.params.map((p) => p.node)
  const hidden = compile([h, net.yhat], [net.x, ...paramNodes])
  const ordered = net.params.map((p) => params[p.name as keyof typeof params])
  const [hs, ys] = hidden.run([xorX, ...ordered])
  const hRows = toRows(hs)
  const outputs = outputsOf(ys)
  const loss = net.evaluate(xorX, xorY, params).loss

  const f = (a: number, b: number): number => net.predict(tensor([1, 2], [a, b]), params).data[0]
  // The output's threshold ŷ = ½ is the line h₁ − 2h₂ = ½ in h space.
  const boundary: Mark = { kind: 'line', name: 'ŷ = ½ (h₁ − 2h₂ = ½)', x: [0.2, 2.3], y: [-0.15, 0.9], dash: true, color: '#555' }
  const inH = xorPoints((i) => [hRows[i][0], hRows[i][1]])
  const svg = toSvg({
    title: 'XOR: h = relu(Wᵀx + c) makes the four points linearly separable',
    panels: [
      scatterPlot({
        title: 'x space: no line separates the classes',
        points: xorPoints(),
        classNames: xorClasses,
        x: { label: 'x₁' },
        y: { label: 'x₂' },
        equalAspect: true,
      }),
      {
        ...scatterPlot({ title: 'h space: (0,1) and (1,0) meet at (1,0)', points: inH, x: { label: 'h₁' }, y: { label: 'h₂' }, equalAspect: true }),
        marks: [boundary, ...scatterPlot({ points: inH, classNames: xorClasses }).marks],
      },
      xorOutputPanel('ŷ(x) = wᵀ relu(Wᵀx + c) + b', f),
    ],
  })
  return {
    json: {
      network: slide,
      points: [0, 1, 2, 3].map((i) => ({ x: toRows(xorX)[i], h: hRows[i], target: xorY.data[i], output: outputs[i] })),
      outputs,
      mse: loss,
    },
    svg,
  }
}
