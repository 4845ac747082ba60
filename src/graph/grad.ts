/**
 * Reverse-mode differentiation, symbol to symbol: the gradient of a node is built as more nodes
 * of the same graph, so a gradient can be compiled, inspected, or differentiated again.
 */
import { sameShape, showShape } from '../tensor/shape.js'
import type { Builder } from './builder.js'
import type { Node } from './node.js'

/** The nodes on some path from one of `wrt` to `of`, as a set of ids. */
const between = (nodes: readonly Node[], of: Node, wrt: readonly Node[]): Set<number> => {
  const reaches = new Set<number>(wrt.map((w) => w.id))
  for (const n of nodes) {
    if (n.id > of.id) break
    if (n.inputs.some((i) => reaches.has(i.id))) reaches.add(n.id)
  }
  const needed = new Set<number>()
  if (!reaches.has(of.id)) return needed
  needed.add(of.id)
  for (let id = of.id; id >= 0; id--) {
    if (!needed.has(id)) continue
    for (const i of nodes[id].inputs) if (reaches.has(i.id)) needed.add(i.id)
  }
  return needed
}

/**
 * dof/dw for each w in `wrt`, as nodes. Walks the nodes between `wrt` and `of` in reverse
 * topological order; a node used by several consumers gets the sum of their contributions
 * (the lecture's repeated subexpressions), and each node's gradient is built once. `of` may
 * have any shape; its gradient seed is all ones, so non-scalar `of` means Σ of.
 */
export const grad = (g: Builder, of: Node, wrt: readonly Node[]): readonly Node[] => {
  const nodes = g.nodes
  const needed = between(nodes, of, wrt)
  const contributions = new Map<number, Node[]>([[of.id, [g.onesLike(of)]]])
  const gradients = new Map<number, Node>()
  const ids = [...needed].sort((a, b) => b - a)
  for (const id of ids) {
    const node = nodes[id]
    const parts = contributions.get(id)
    if (parts === undefined) continue
    const dy = parts.reduce((sum, p) => g.add(sum, p))
    gradients.set(id, dy)
    if (node.op === null || !node.inputs.some((i) => needed.has(i.id))) continue
    const vjps = node.op.vjp(g, node, dy)
    node.inputs.forEach((input, i) => {
      const d = vjps[i]
      if (d === null || d === undefined || !needed.has(input.id)) return
      if (!sameShape(d.shape, input.shape)) {
        throw new RangeError(
          `grad: the vjp of ${node.op?.name} gives ${showShape(d.shape)} for input ${i} of shape ${showShape(input.shape)}`,
        )
      }
      const list = contributions.get(input.id)
      if (list === undefined) contributions.set(input.id, [d])
      else list.push(d)
    })
  }
  return wrt.map((w) => gradients.get(w.id) ?? g.zerosLike(w))
}
