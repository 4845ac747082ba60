/** `streamprop inspect <spec> [--graph]`: a Keras-style summary, or the forward and derivative graphs as DOT. */
import { toDot } from '../graph/dot.js'
import type { Net } from '../graph/net.js'
import { netOf } from '../spec/build.js'
import type { Spec } from '../spec/spec.js'
import { key } from '../tensor/random.js'
import { BATCH, type Shape } from '../tensor/shape.js'
import { type Options, command } from './args.js'
import { BadRequest } from './failure.js'
import { loadSpec } from './loadSpec.js'

const options: Options = {
  graph: { type: 'boolean', help: 'print the forward graph and the derivative graph as Graphviz DOT' },
}

const shapeText = (s: Shape): string => `(${s.map((d) => (d === BATCH ? 'batch' : String(d))).join(', ')})`

/** The summary table: one row per layer with its output shape and parameter count, then totals. */
export const summaryOf = (spec: Spec, net: Net): string => {
  const params = net.init(key(spec.seed ?? 0))
  const rows = net.layers.map((l) => {
    const count = l.params.reduce((s, p) => s + params[p.name].data.length, 0)
    return [`${l.path} ${l.kind}`, shapeText(l.output.shape), count.toLocaleString('en-US'), l.params.map((p) => p.name).join(', ')]
  })
  const head = ['layer', 'output shape', 'params', 'names']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (r: readonly string[]) => r.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd()
  const total = Object.values(params).reduce((s, t) => s + t.data.length, 0)
  const rule = '─'.repeat(widths.reduce((a, b) => a + b + 2, -2))
  return [
    `input ${shapeText(net.x.shape)}`,
    rule,
    line(head),
    rule,
    ...rows.map(line),
    rule,
    `parameters: ${total.toLocaleString('en-US')} (${(total * 4).toLocaleString('en-US')} bytes as float32)`,
    `loss: ${spec.loss.type}, targets ${shapeText(net.y.shape)}${spec.regularization ? `, l1 ${spec.regularization.l1 ?? 0}, l2 ${spec.regularization.l2 ?? 0}` : ''}`,
    `optimizer: ${spec.optimizer.type}, learning rate ${spec.optimizer.learningRate}`,
    '',
  ].join('\n')
}

/** The `inspect` command. */
export const inspectCommand = command({
  name: 'inspect',
  summary: 'layers, output shapes and parameter counts; --graph for DOT',
  synopsis: 'streamprop inspect <spec.json> [--graph]',
  description: 'Prints a summary of the spec’s model, or with --graph its forward graph (output and loss) and its derivative graph (one gradient per parameter) as Graphviz DOT.',
  options,
  run: async (p, io) => {
    if (p.positionals.length !== 1) throw new BadRequest(['inspect: expected one spec file (see streamprop inspect --help)'])
    const { spec } = await loadSpec(p.positionals[0], io.cwd)
    const net = netOf(spec)
    if (p.values.graph === true) {
      const names = new Map(net.params.map((d, i) => [net.grads[i].id, `∂J/∂${d.name}`]))
      io.stdout.write(toDot('forward', [net.yhat, net.loss]))
      io.stdout.write(toDot('derivative', net.grads, names))
    } else io.stdout.write(summaryOf(spec, net))
    return 0
  },
})
