/** Parameter initializers. */
import type { Init } from '../graph/layer.js'
import { uniform } from '../tensor/random.js'
import { tensor } from '../tensor/tensor.js'
import { sizeOf } from '../tensor/shape.js'

/** U(−bound, bound), the way torch.nn.Linear draws its weight and bias (bound = 1/√fanIn). */
export const uniformInit =
  (bound: number): Init =>
  (k, shape) =>
    uniform(k, shape, -bound, bound)

/** Every entry `value` (e.g. 0.1 for ReLU biases, as the lecture suggests; 0.25 for prelu). */
export const constantInit =
  (value: number): Init =>
  (_k, shape) =>
    tensor(shape, new Float32Array(sizeOf(shape)).fill(value))
