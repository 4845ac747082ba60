/**
 * A graph under construction. Nodes are only ever appended, so ids are a topological order.
 * Equal applications (same op name, same inputs) are merged: building a subexpression twice
 * yields one node, which is how a gradient reuses the values it shares with others.
 */
import { type Shape, showShape } from '../tensor/shape.js'
import type { Tensor } from '../tensor/tensor.js'
import type { Node, Op } from './node.js'
import { abs } from './ops/abs.js'
import { add } from './ops/add.js'
import { broadcast, sumTo } from './ops/broadcast.js'
import { concatCols, padCols, sliceCols } from './ops/columns.js'
import { div } from './ops/div.js'
import { exp } from './ops/exp.js'
import { fillLike } from './ops/fill.js'
import { leakyRelu, leakyStep } from './ops/leakyRelu.js'
import { log } from './ops/log.js'
import { logSoftmax } from './ops/logSoftmax.js'
import { logSumExp } from './ops/logSumExp.js'
import { matmul } from './ops/matmul.js'
import { gatherArgmax, maxout, scatterArgmax } from './ops/maxout.js'
import { mdnHead } from './ops/mdnHead.js'
import { type Axis, divByCount, meanAll, meanCols, meanRows } from './ops/means.js'
import { mul } from './ops/mul.js'
import { neg } from './ops/neg.js'
import { pow } from './ops/pow.js'
import { prelu } from './ops/prelu.js'
import { relu } from './ops/relu.js'
import { addRow, mulRow } from './ops/rowwise.js'
import { scale } from './ops/scale.js'
import { shift } from './ops/shift.js'
import { sigmoid } from './ops/sigmoid.js'
import { sigmoidCrossEntropy } from './ops/sigmoidCrossEntropy.js'
import { sign } from './ops/sign.js'
import { softmax } from './ops/softmax.js'
import { softmaxCrossEntropy } from './ops/softmaxCrossEntropy.js'
import { softplus } from './ops/softplus.js'
import { square } from './ops/square.js'
import { step } from './ops/step.js'
import { sub } from './ops/sub.js'
import { sumAll, sumCols, sumRows } from './ops/sums.js'
import { tanh } from './ops/tanh.js'

/** A graph being built: feeds, constants, any op (`apply`), and a method per built-in op. */
export interface Builder {
  /** Every node so far, in creation (topological) order. */
  readonly nodes: readonly Node[]
  /** A value fed at run time, e.g. the minibatch `x` of shape [BATCH, features]. */
  readonly input: (name: string, shape: Shape) => Node
  /** A learnable tensor fed at run time, named as checkpoints name it. */
  readonly param: (name: string, shape: Shape) => Node
  /** A fixed tensor baked into the graph. */
  readonly constant: (value: Tensor, name?: string) => Node
  /** `op` applied to `inputs`: the way to use an op of one's own. */
  readonly apply: (op: Op, inputs: readonly Node[]) => Node
  readonly matmul: (a: Node, b: Node, t?: { ta?: boolean; tb?: boolean }) => Node
  readonly add: (a: Node, b: Node) => Node
  readonly sub: (a: Node, b: Node) => Node
  readonly mul: (a: Node, b: Node) => Node
  readonly div: (a: Node, b: Node) => Node
  readonly scale: (x: Node, c: number) => Node
  readonly shift: (x: Node, c: number) => Node
  readonly neg: (x: Node) => Node
  readonly square: (x: Node) => Node
  readonly pow: (x: Node, p: number) => Node
  readonly cube: (x: Node) => Node
  readonly exp: (x: Node) => Node
  readonly log: (x: Node) => Node
  readonly abs: (x: Node) => Node
  readonly sign: (x: Node) => Node
  readonly relu: (x: Node) => Node
  readonly step: (x: Node) => Node
  readonly leakyRelu: (x: Node, alpha: number) => Node
  readonly leakyStep: (x: Node, alpha: number) => Node
  readonly prelu: (x: Node, alpha: Node) => Node
  readonly sigmoid: (x: Node) => Node
  readonly tanh: (x: Node) => Node
  readonly softplus: (x: Node) => Node
  readonly maxout: (x: Node, k: number) => Node
  readonly scatterArgmax: (v: Node, x: Node, k: number) => Node
  readonly gatherArgmax: (v: Node, x: Node, k: number) => Node
  readonly softmax: (x: Node) => Node
  readonly logSoftmax: (x: Node) => Node
  readonly logSumExp: (x: Node) => Node
  readonly sumRows: (x: Node) => Node
  readonly sumCols: (x: Node) => Node
  readonly sumAll: (x: Node) => Node
  readonly meanRows: (x: Node) => Node
  readonly meanCols: (x: Node) => Node
  readonly meanAll: (x: Node) => Node
  readonly divByCount: (v: Node, like: Node, axis: Axis) => Node
  readonly broadcast: (v: Node, like: Node) => Node
  readonly sumTo: (x: Node, like: Node) => Node
  readonly addRow: (x: Node, b: Node) => Node
  readonly mulRow: (x: Node, v: Node) => Node
  readonly sliceCols: (x: Node, start: number, end: number) => Node
  readonly padCols: (v: Node, start: number, width: number) => Node
  readonly concatCols: (...xs: readonly Node[]) => Node
  readonly onesLike: (x: Node) => Node
  readonly zerosLike: (x: Node) => Node
  readonly softmaxCrossEntropy: (logits: Node, y: Node) => Node
  readonly mdnHead: (z: Node, components: number) => Node
  readonly sigmoidCrossEntropy: (logits: Node, y: Node) => Node
}

/** A new, empty graph. */
export const builder = (): Builder => {
  const nodes: Node[] = []
  const applied = new Map<string, Node>()
  const feeds = new Map<string, Node>()

  const feed = (kind: 'input' | 'param', name: string, shape: Shape): Node => {
    const existing = feeds.get(name)
    if (existing !== undefined) {
      throw new Error(`builder.${kind}: a feed named '${name}' already exists (${existing.kind} ${showShape(existing.shape)})`)
    }
    const node: Node = { id: nodes.length, kind, name, shape: [...shape], op: null, inputs: [], value: null }
    nodes.push(node)
    feeds.set(name, node)
    return node
  }

  const apply = (op: Op, inputs: readonly Node[]): Node => {
    const key = `${op.name}(${inputs.map((n) => n.id).join(',')})`
    const known = applied.get(key)
    if (known !== undefined) return known
    const shape = op.shape(inputs.map((n) => n.shape))
    const node: Node = { id: nodes.length, kind: 'op', name: op.name, shape, op, inputs: [...inputs], value: null }
    nodes.push(node)
    applied.set(key, node)
    return node
  }

  const constant = (value: Tensor, name = 'const'): Node => {
    const node: Node = { id: nodes.length, kind: 'const', name, shape: value.shape, op: null, inputs: [], value }
    nodes.push(node)
    return node
  }

  const ones = fillLike(1)
  const zeros = fillLike(0)
  return {
    nodes,
    input: (name, shape) => feed('input', name, shape),
    param: (name, shape) => feed('param', name, shape),
    constant,
    apply,
    matmul: (a, b, t = {}) => apply(matmul(t), [a, b]),
    add: (a, b) => apply(add, [a, b]),
    sub: (a, b) => apply(sub, [a, b]),
    mul: (a, b) => apply(mul, [a, b]),
    div: (a, b) => apply(div, [a, b]),
    scale: (x, c) => (c === 1 ? x : apply(scale(c), [x])),
    shift: (x, c) => (c === 0 ? x : apply(shift(c), [x])),
    neg: (x) => apply(neg, [x]),
    square: (x) => apply(square, [x]),
    pow: (x, p) => (p === 1 ? x : apply(pow(p), [x])),
    cube: (x) => apply(pow(3), [x]),
    exp: (x) => apply(exp, [x]),
    log: (x) => apply(log, [x]),
    abs: (x) => apply(abs, [x]),
    sign: (x) => apply(sign, [x]),
    relu: (x) => apply(relu, [x]),
    step: (x) => apply(step, [x]),
    leakyRelu: (x, alpha) => apply(leakyRelu(alpha), [x]),
    leakyStep: (x, alpha) => apply(leakyStep(alpha), [x]),
    prelu: (x, alpha) => apply(prelu, [x, alpha]),
    sigmoid: (x) => apply(sigmoid, [x]),
    tanh: (x) => apply(tanh, [x]),
    softplus: (x) => apply(softplus, [x]),
    maxout: (x, k) => apply(maxout(k), [x]),
    scatterArgmax: (v, x, k) => apply(scatterArgmax(k), [v, x]),
    gatherArgmax: (v, x, k) => apply(gatherArgmax(k), [v, x]),
    softmax: (x) => apply(softmax, [x]),
    logSoftmax: (x) => apply(logSoftmax, [x]),
    logSumExp: (x) => apply(logSumExp, [x]),
    sumRows: (x) => apply(sumRows, [x]),
    sumCols: (x) => apply(sumCols, [x]),
    sumAll: (x) => apply(sumAll, [x]),
    meanRows: (x) => apply(meanRows, [x]),
    meanCols: (x) => apply(meanCols, [x]),
    meanAll: (x) => apply(meanAll, [x]),
    divByCount: (v, like, axis) => apply(divByCount(axis), [v, like]),
    broadcast: (v, like) => apply(broadcast, [v, like]),
    sumTo: (x, like) => apply(sumTo, [x, like]),
    addRow: (x, b) => apply(addRow, [x, b]),
    mulRow: (x, v) => apply(mulRow, [x, v]),
    sliceCols: (x, start, end) => apply(sliceCols(start, end), [x]),
    padCols: (v, start, width) => apply(padCols(start, width), [v]),
    concatCols: (...xs) => (xs.length === 1 ? xs[0] : apply(concatCols, xs)),
    onesLike: (x) => apply(ones, [x]),
    zerosLike: (x) => apply(zeros, [x]),
    softmaxCrossEntropy: (logits, y) => apply(softmaxCrossEntropy, [logits, y]),
    mdnHead: (z, components) => apply(mdnHead(components), [z]),
    sigmoidCrossEntropy: (logits, y) => apply(sigmoidCrossEntropy, [logits, y]),
  }
}
