/** Graphviz DOT text for a graph: the forward graph, or the derivative graph built by `grad`. */
import { showShape } from '../tensor/shape.js'
import type { Node } from './node.js'

const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`

/** Every node `outputs` reach, in id order (shape-only inputs included, drawn dashed). */
export const reachable = (outputs: readonly Node[]): Node[] => {
  const seen = new Map<number, Node>()
  const stack = [...outputs]
  while (stack.length > 0) {
    const n = stack.pop() as Node
    if (seen.has(n.id)) continue
    seen.set(n.id, n)
    stack.push(...n.inputs)
  }
  return [...seen.values()].sort((a, b) => a.id - b.id)
}

/** `digraph name { … }` with one box per node (name and shape) and one edge per input; `outputs` are bold. */
export const toDot = (name: string, outputs: readonly Node[], labels: ReadonlyMap<number, string> = new Map()): string => {
  const nodes = reachable(outputs)
  const isOutput = new Set(outputs.map((o) => o.id))
  const style = (n: Node): string =>
    n.kind === 'param' ? 'shape=box,style=filled,fillcolor="#dde8f8"' : n.kind === 'input' ? 'shape=box,style=filled,fillcolor="#e8f4dc"' : n.kind === 'const' ? 'shape=box,style=dashed' : 'shape=ellipse'
  const lines = nodes.map((n) => {
    const label = `${labels.get(n.id) ?? n.name}\\n${showShape(n.shape)}`
    return `  n${n.id} [label=${quote(label).replace(/\\\\n/g, '\\n')},${style(n)}${isOutput.has(n.id) ? ',penwidth=2' : ''}];`
  })
  const edges = nodes.flatMap((n) =>
    n.inputs.map((i, k) => `  n${i.id} -> n${n.id}${(n.op?.shapeOnly ?? []).includes(k) ? ' [style=dashed]' : ''};`),
  )
  return [`digraph ${quote(name)} {`, '  rankdir=BT;', ...lines, ...edges, '}', ''].join('\n')
}
