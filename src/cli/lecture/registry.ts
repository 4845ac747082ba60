/** The lecture's examples by name, in the order the lecture takes them. An explicit object: nothing registers itself. */
import type { Example } from './example.js'
import { activations } from './examples/activations.js'
import { depth } from './examples/depth.js'
import { derivativeGraph } from './examples/derivativeGraph.js'
import { linearRegions } from './examples/linearRegions.js'
import { mdn } from './examples/mdn.js'
import { mlpTrace } from './examples/mlpTrace.js'
import { outputUnits } from './examples/outputUnits.js'
import { parameters } from './examples/parameters.js'
import { repeatedSubexpressions } from './examples/repeatedSubexpressions.js'
import { saturation } from './examples/saturation.js'
import { universalApproximation } from './examples/universalApproximation.js'
import { xorExact } from './examples/xorExact.js'
import { xorLearned } from './examples/xorLearned.js'
import { xorLinear } from './examples/xorLinear.js'

/** Every example of the lecture, keyed by the name `lecture NAME` takes. */
export const lecture = {
  'xor-exact': { summary: "The slide's XOR network: exact outputs, and the hidden space where the points become separable", run: xorExact },
  'xor-linear': { summary: 'A linear model trained on XOR by gradient descent ends at MSE 0.25, outputting 0.5 everywhere', run: xorLinear },
  'xor-learned': { summary: 'A ReLU network learns XOR from a seeded init: loss curves, decision regions, hidden space', run: xorLearned },
  activations: {
    summary: 'Hidden units (relu, abs, leaky relu, prelu, maxout, sigmoid, tanh, softplus) and their symbolic derivatives',
    run: activations,
  },
  'output-units': { summary: 'Output units with their costs, each trained on a problem it suits', run: outputUnits },
  saturation: { summary: 'A confidently wrong sigmoid: the logit gradient under MSE vanishes, under cross-entropy it does not', run: saturation },
  mdn: { summary: 'An inverse problem with several answers: least squares fits the mean, a mixture density net the branches', run: mdn },
  'universal-approximation': { summary: 'One hidden layer of growing width fits a continuous function ever better', run: universalApproximation },
  depth: { summary: 'Depth at a fixed parameter budget on the digits, measured', run: () => depth() },
  parameters: { summary: 'Test accuracy against parameter count, shallow against deep, on the digits', run: () => parameters() },
  'linear-regions': { summary: "Linear regions of ReLU nets counted exactly, against Montúfar et al.'s bound", run: linearRegions },
  'derivative-graph': { summary: 'The forward graph and the symbol-to-symbol derivative graph of a small net, drawn', run: derivativeGraph },
  'repeated-subexpressions': { summary: 'x = f(w), y = f(x), z = f(y): back-propagation evaluates each f and f′ once', run: repeatedSubexpressions },
  'mlp-trace': { summary: 'One forward and backward pass of a two-layer MLP, step by step (Algorithms 6.3 and 6.4)', run: mlpTrace },
} as const satisfies Readonly<Record<string, Example>>

/** The name of an example. */
export type LectureName = keyof typeof lecture
