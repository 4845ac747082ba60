/** The four XOR points, as tensors for the nets and as labelled points for the plots. */
import type { ScatterPoint } from '../../plot/charts/scatter.js'
import { decisionRegions, sampleGrid } from '../../plot/charts/regions.js'
import type { Panel, Point } from '../../plot/scene.js'
import { type Tensor, fromRows } from '../../../tensor/tensor.js'

/** The inputs (0,0), (0,1), (1,0), (1,1) as a [4, 2] batch. */
export const xorX: Tensor = fromRows([
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
])

/** The targets 0, 1, 1, 0 as a [4, 1] batch. */
export const xorY: Tensor = fromRows([[0], [1], [1], [0]])

/** Legend names of the two classes. */
export const xorClasses: readonly string[] = ['y = 0', 'y = 1']

/** The points at positions `at(i)` (default: the inputs), coloured by target and labelled by input. */
export const xorPoints = (at: (i: number) => readonly [number, number] = (i) => [xorX.data[2 * i], xorX.data[2 * i + 1]]): ScatterPoint[] =>
  [0, 1, 2, 3].map((i) => {
    const [x, y] = at(i)
    return { x, y, cls: xorY.data[i], label: `(${xorX.data[2 * i]},${xorX.data[2 * i + 1]})` }
  })

/** The network's outputs at the four points, as plain numbers. */
export const outputsOf = (t: Tensor): number[] => Array.from(t.data)

/** A net's output ŷ(x₁, x₂) over [-½, 1½]², shaded, with the four points on it. */
export const xorOutputPanel = (title: string, f: (a: number, b: number) => number): Panel => {
  const span: Point = [-0.5, 1.5]
  return {
    ...decisionRegions({
      title,
      grid: sampleGrid(f, span, span, 80, 80),
      fill: { kind: 'values', colormap: 'diverging', domain: [-1, 2] },
      colorBar: 'ŷ',
      points: xorPoints(),
      classNames: xorClasses,
      x: { label: 'x₁' },
      y: { label: 'x₂' },
      equalAspect: true,
    }),
    legend: 'none',
  }
}
