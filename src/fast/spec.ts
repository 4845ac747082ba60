/** The fused trainer for a decoded spec, when its model is a plain MLP. */
import type { Spec } from '../spec/spec.js'
import { describeSpec } from './describe.js'
import { type FastLoad, type FastMlpOptions, loadFastMlp } from './mlp.js'

/** The trainer of a spec's model, loss, optimizer and regularization, or why there is none. */
export const fastMlpOfSpec = (spec: Pick<Spec, 'model' | 'loss' | 'optimizer' | 'regularization'>, options: FastMlpOptions = {}): FastLoad => {
  const d = describeSpec(spec)
  return d.ok ? loadFastMlp(d.description, options) : d
}
