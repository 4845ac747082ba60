import { describe, expect, it } from 'vitest'
import { derivativeGraph } from '../../../src/cli/lecture/examples/derivativeGraph.js'
import { mlpTrace } from '../../../src/cli/lecture/examples/mlpTrace.js'
import { repeatedSubexpressions } from '../../../src/cli/lecture/examples/repeatedSubexpressions.js'
import { expectPicture, expectPlainJson } from './check.js'

describe('lecture: back-propagation', () => {
  it('derivative-graph: the derivative graph extends the forward graph, and both come as DOT text', async () => {
    const shown = await derivativeGraph()

    const json = shown.json as {
      forwardNodes: number
      derivativeNodes: number
      gradients: { param: string }[]
      dot: { forward: string; derivative: string }
    }
    expect(json.derivativeNodes).toBeGreaterThan(json.forwardNodes)
    expect(json.gradients.map((g) => g.param)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias'])
    expect(json.dot.forward.match(/^ {2}n\d+ \[/gm)).toHaveLength(json.forwardNodes)
    expect(json.dot.derivative.match(/^ {2}n\d+ \[/gm)).toHaveLength(json.derivativeNodes)
    expect(expectPicture(shown)).toContain('ones (seed)')
    expectPlainJson(shown)
  })

  it('repeated-subexpressions: back-propagation evaluates each f and each f′ once; the written-out expression repeats f(w)', async () => {
    const shown = await repeatedSubexpressions()

    const json = shown.json as {
      backpropagation: { evaluations: Record<string, number>; dzdw: number }
      expressionWrittenOut: { evaluations: Record<string, number>; fCalls: number; dzdw: number }
      chainRule: number
      sameNodeWhenBuiltTwice: boolean
    }
    expect(Object.values(json.backpropagation.evaluations)).toEqual([1, 1, 1, 1, 1, 1])
    expect(json.expressionWrittenOut.evaluations['f(w)']).toBe(3)
    expect(json.expressionWrittenOut.fCalls).toBe(6)
    expect(json.backpropagation.dzdw).toBeCloseTo(json.chainRule, 6)
    expect(json.expressionWrittenOut.dzdw).toBeCloseTo(json.chainRule, 6)
    expect(json.sameNodeWhenBuiltTwice).toBe(true)
    expectPicture(shown)
    expectPlainJson(shown)
  })

  it("mlp-trace: the traced gradients equal central finite differences of J computed here from the trace's own inputs", async () => {
    const shown = await mlpTrace()

    const json = shown.json as {
      lambda: number
      example: { x: number[]; y: number[] }
      params: { W1: number[][]; b1: number[]; W2: number[][]; b2: number[] }
      gradients: Record<string, number[]>
      forward: { step: string; value: number | number[] }[]
    }
    const { x, y } = json.example
    const objective = (p: typeof json.params): number => {
      const h = p.W1.map((row, j) => Math.max(0, row[0] * x[0] + row[1] * x[1] + p.b1[j]))
      const yhat = p.W2[0].reduce((s, w, j) => s + w * h[j], p.b2[0])
      const omega = 0.5 * [...p.W1.flat(), ...p.W2.flat()].reduce((s, w) => s + w * w, 0)
      return (yhat - y[0]) ** 2 + json.lambda * omega
    }
    const names = { '0.weight': 'W1', '0.bias': 'b1', '2.weight': 'W2', '2.bias': 'b2' } as const
    const eps = 1e-6
    for (const [name, key] of Object.entries(names)) {
      const flat = [json.params[key]].flat(2)
      const numeric = flat.map((_, i) => {
        const moved = (d: number) => {
          const values = flat.map((v, j) => (j === i ? v + d : v))
          const shaped = key === 'W1' ? [0, 1, 2].map((r) => values.slice(2 * r, 2 * r + 2)) : key === 'W2' ? [values] : values
          return objective({ ...json.params, [key]: shaped })
        }
        return (moved(eps) - moved(-eps)) / (2 * eps)
      })
      numeric.forEach((g, i) => expect(json.gradients[name][i]).toBeCloseTo(g, 6))
    }
    expect(json.forward.at(-1)?.value).toBeCloseTo(objective(json.params), 10)
    expectPicture(shown)
    expectPlainJson(shown)
  })
})
