import { describe, expect, it } from 'vitest'
import { builder } from '../../src/graph/builder.js'
import { grad } from '../../src/graph/grad.js'
import type { Node } from '../../src/graph/node.js'
import { compile, compile64 } from '../../src/graph/plan.js'
import { key, splitN, uniform } from '../../src/tensor/random.js'
import { BATCH } from '../../src/tensor/shape.js'
import { tensor } from '../../src/tensor/tensor.js'
import { numericGrad } from '../support/gradcheck.js'

const points = [-2, -0.5, 0.3, 1.7]
const sig = (v: number) => 1 / (1 + Math.exp(-v))

/** d²/dx² of Σ f(x), evaluated in float64 at `points`, through grad of grad. */
const secondDerivative = (f: (g: ReturnType<typeof builder>, x: Node) => Node): Float64Array => {
  const g = builder()
  const x = g.input('x', [1, points.length])
  const [dx] = grad(g, g.sumAll(f(g, x)), [x])
  const [ddx] = grad(g, g.sumAll(dx), [x])
  return compile64([ddx], [x]).run([{ shape: [1, points.length], data: Float64Array.from(points) }])[0].data
}

describe('grad, symbol to symbol', () => {
  it.each([
    ['tanh', (g: ReturnType<typeof builder>, x: Node) => g.tanh(x), (v: number) => -2 * Math.tanh(v) * (1 - Math.tanh(v) ** 2)],
    ['sigmoid', (g: ReturnType<typeof builder>, x: Node) => g.sigmoid(x), (v: number) => sig(v) * (1 - sig(v)) * (1 - 2 * sig(v))],
    ['exp', (g: ReturnType<typeof builder>, x: Node) => g.exp(x), (v: number) => Math.exp(v)],
    ['softplus', (g: ReturnType<typeof builder>, x: Node) => g.softplus(x), (v: number) => sig(v) * (1 - sig(v))],
    ['x³', (g: ReturnType<typeof builder>, x: Node) => g.cube(x), (v: number) => 6 * v],
  ])('second derivative of %s equals its closed form', (_, f, closed) => {
    const ddx = secondDerivative(f)

    expect(ddx).toBeCloseToArray(points.map(closed), 1e-12)
  })

  it('differentiates x³ twice at 2 to 12 in float32 too', () => {
    const g = builder()
    const x = g.input('x', [1, 1])
    const [dx] = grad(g, g.sumAll(g.cube(x)), [x])
    const [ddx] = grad(g, g.sumAll(dx), [x])

    expect(compile([ddx], [x]).run([tensor([1, 1], [2])])[0].data).toEqual(new Float32Array([12]))
  })

  it('sums the contributions of a node used twice: d(x·x)/dx = 2x', () => {
    const g = builder()
    const x = g.input('x', [1, 3])
    const [dx] = grad(g, g.sumAll(g.mul(x, x)), [x])

    expect(compile64([dx], [x]).run([{ shape: [1, 3], data: Float64Array.of(1, -2, 3) }])[0].data).toEqual(Float64Array.of(2, -4, 6))
  })

  it('computes each repeated subexpression once: x = f(w), y = f(x), z = f(y)', () => {
    const g = builder()
    const w = g.input('w', [1, 1])
    const x = g.exp(w)
    const y = g.exp(x)
    const z = g.exp(y)
    const [dw] = grad(g, g.sumAll(z), [w])
    const plan = compile64([z, dw], [w])

    const [zv, dwv] = plan.run([{ shape: [1, 1], data: Float64Array.of(0.1) }])

    const e = (v: number) => Math.exp(v)
    expect(plan.schedule.filter((n) => n.name === 'exp')).toHaveLength(3)
    expect(zv.data[0]).toBeCloseTo(e(e(e(0.1))), 12)
    // dz/dw = f'(y) f'(x) f'(w) = z · y · x for f = exp
    expect(dwv.data[0]).toBeCloseTo(e(e(e(0.1))) * e(e(0.1)) * e(0.1), 10)
  })

  it('gives zero for a parameter the output does not depend on', () => {
    const g = builder()
    const a = g.input('a', [2, 2])
    const b = g.input('b', [2, 2])
    const [, db] = grad(g, g.sumAll(g.square(a)), [a, b])

    const out = compile64([db], [b]).run([{ shape: [2, 2], data: Float64Array.of(1, 2, 3, 4) }])

    expect(out[0].data).toEqual(new Float64Array(4))
  })

  it('matches a Hessian-vector product of an MLP loss with the finite difference of its gradient', () => {
    const [kx, kw1, kw2, kv] = splitN(key(11), 4)
    const g = builder()
    const x = g.input('x', [5, 3])
    const w1 = g.input('w1', [4, 3])
    const w2 = g.input('w2', [1, 4])
    const v = g.input('v', [4, 3])
    const h = g.tanh(g.matmul(x, w1, { tb: true }))
    const loss = g.meanRows(g.sumCols(g.square(g.sub(g.matmul(h, w2, { tb: true }), g.onesLike(g.sumCols(x))))))
    const [gw1] = grad(g, loss, [w1])
    const [hv] = grad(g, g.sumAll(g.mul(gw1, v)), [w1])
    const feeds = [x, w1, w2, v]
    const values = [
      { shape: [5, 3], data: Float64Array.from(uniform(kx, [5, 3], -1, 1).data) },
      { shape: [4, 3], data: Float64Array.from(uniform(kw1, [4, 3], -1, 1).data) },
      { shape: [1, 4], data: Float64Array.from(uniform(kw2, [1, 4], -1, 1).data) },
      { shape: [4, 3], data: Float64Array.from(uniform(kv, [4, 3], -1, 1).data) },
    ]
    const gradientAt = compile64([gw1], feeds)
    const hvp = compile64([hv], feeds).run(values)[0].data

    const h0 = 1e-5
    const shifted = (s: number) =>
      gradientAt.run(values.map((val, i) => (i === 1 ? { shape: val.shape, data: val.data.map((w, j) => w + s * values[3].data[j]) } : val)))[0].data
    const plus = shifted(h0)
    const minus = shifted(-h0)
    const finite = plus.map((p, i) => (p - minus[i]) / (2 * h0))

    expect(hvp).toBeCloseToArray(finite, 1e-8)
    expect(Math.max(...hvp.map(Math.abs))).toBeGreaterThan(1e-3)
  })

  it('central differences recover a known derivative (checks the reference itself)', () => {
    const d = numericGrad(Float64Array.of(0.5, 2), (x) => x[0] ** 3 + Math.sin(x[1]))

    expect(d).toBeCloseToArray([0.75, Math.cos(2)], 1e-9)
  })
})

describe('plans', () => {
  const affine = () => {
    const g = builder()
    const x = g.input('x', [BATCH, 2])
    const w = g.input('w', [3, 2])
    const y = g.tanh(g.matmul(x, w, { tb: true }))
    return { g, x, w, y, plan: compile([y, g.sumAll(y)], [x, w]) }
  }
  const w = tensor([3, 2], [1, 0, 0, 1, 1, 1])

  it('runs any batch size with one plan', () => {
    const { plan } = affine()

    for (const b of [1, 3, 5]) {
      const x = tensor([b, 2], Array.from({ length: 2 * b }, (_, i) => i / 10))
      const [y] = plan.run([x, w])
      expect(y.shape).toEqual([b, 3])
      expect(y.data[3 * (b - 1) + 2]).toBeCloseTo(Math.tanh((2 * (b - 1)) / 10 + (2 * (b - 1) + 1) / 10), 6)
    }
  })

  it('never changes a value it has returned', () => {
    const { plan } = affine()
    const first = plan.run([tensor([2, 2], [1, 2, 3, 4]), w])
    const kept = first.map((t) => t.data.slice())

    plan.run([tensor([2, 2], [-1, -2, -3, -4]), w])
    plan.run([tensor([4, 2], [9, 9, 9, 9, 9, 9, 9, 9]), w])

    first.forEach((t, i) => expect(t.data).toEqual(kept[i]))
  })

  it('leaves its feeds untouched', () => {
    const { plan } = affine()
    const x = tensor([2, 2], [1, 2, 3, 4])

    plan.run([x, w])

    expect(Array.from(x.data)).toEqual([1, 2, 3, 4])
  })

  it('names a feed of the wrong shape', () => {
    const { plan } = affine()

    expect(() => plan.run([tensor([2, 3]), w])).toThrow("plan: feed 'x' should be [batch,2], got [2,3]")
  })

  it('refuses to compile when an input is not fed', () => {
    const { y, x } = affine()

    expect(() => compile([y], [x])).toThrow("compile: the outputs need input 'w' [3,2], which is not among the feeds")
  })
})
