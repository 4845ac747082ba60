/**
 * `streamprop gradcheck <spec>`: the symbolic gradient of the spec's objective (loss plus penalty)
 * against central finite differences, in float64, on a random batch and the seeded initial
 * parameters. Exit 0 when every checked entry agrees.
 */
import { compile64 } from '../graph/plan.js'
import { netOf } from '../spec/build.js'
import { eventShape } from '../spec/widths.js'
import { fold, key, permutation, uniform } from '../tensor/random.js'
import type { Tensor64 } from '../tensor/tensor.js'
import { type Options, command, positiveIntOption } from './args.js'
import { BadRequest } from './failure.js'
import { loadSpec } from './loadSpec.js'

const options: Options = {
  batch: { type: 'string', value: 'N', help: 'examples in the random batch (default 4)' },
  entries: { type: 'string', value: 'N', help: 'entries checked per parameter tensor, chosen at random (default 20)' },
}

const tolerance = 1e-6

/** The `gradcheck` command. */
export const gradcheckCommand = command({
  name: 'gradcheck',
  summary: 'symbolic vs finite-difference gradients on a random batch',
  synopsis: 'streamprop gradcheck <spec.json> [--batch N] [--entries N]',
  description: `Compares the symbolic gradient with central differences (float64) and exits 0 when every relative error is below ${tolerance}.`,
  options,
  run: async (p, io) => {
    if (p.positionals.length !== 1) throw new BadRequest(['gradcheck: expected one spec file (see streamprop gradcheck --help)'])
    const { spec } = await loadSpec(p.positionals[0], io.cwd)
    const batch = positiveIntOption('gradcheck', p, 'batch') ?? 4
    const entries = positiveIntOption('gradcheck', p, 'entries') ?? 20
    const net = netOf(spec)
    const shape = eventShape(spec)
    const k = key(spec.seed ?? 0)
    const params = net.init(fold(k, 1))
    const x = uniform(fold(k, 2), [batch, shape.inputs], -1, 1)
    const y = uniform(fold(k, 3), [batch, net.targets], 0, 1)
    if (shape.classes) {
      // Targets the cost expects: one-hot rows for cross-entropy.
      y.data.fill(0)
      const classes = permutation(fold(k, 4), Math.max(batch, net.targets))
      for (let i = 0; i < batch; i++) y.data[i * net.targets + (classes[i] % net.targets)] = 1
    }
    const f64 = (t: { shape: readonly number[]; data: Float32Array }): Tensor64 => ({ shape: t.shape, data: Float64Array.from(t.data) })
    const feeds = [net.x, net.y, ...net.params.map((d) => d.node)]
    const plan = compile64([net.objective, ...net.grads], feeds)
    const values = [f64(x), f64(y), ...net.params.map((d) => f64(params[d.name]))]
    const [, ...symbolic] = plan.run(values)
    const h = 1e-6
    let worst = 0
    const lines = net.params.map((d, i) => {
      const n = values[i + 2].data.length
      const picks = Array.from(permutation(fold(k, 10 + i), n)).slice(0, Math.min(entries, n))
      let max = 0
      for (const j of picks) {
        const at = (delta: number) => {
          const data = values[i + 2].data.slice()
          data[j] += delta
          return plan.run(values.map((v, m) => (m === i + 2 ? { shape: v.shape, data } : v)))[0].data[0]
        }
        const numeric = (at(h) - at(-h)) / (2 * h)
        const err = Math.abs(numeric - symbolic[i].data[j]) / Math.max(1, Math.abs(numeric))
        max = Math.max(max, err)
      }
      worst = Math.max(worst, max)
      return `${d.name.padEnd(14)} ${String(picks.length).padStart(5)} of ${String(n).padEnd(8)} max error ${max.toExponential(2)}`
    })
    io.stdout.write([...lines, `${worst < tolerance ? 'ok' : 'MISMATCH'}: largest error ${worst.toExponential(2)} (tolerance ${tolerance})`, ''].join('\n'))
    return worst < tolerance ? 0 : 1
  },
})
