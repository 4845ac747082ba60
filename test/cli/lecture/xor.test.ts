import { describe, expect, it } from 'vitest'
import { xorExact } from '../../../src/cli/lecture/examples/xorExact.js'
import { xorLearned } from '../../../src/cli/lecture/examples/xorLearned.js'
import { xorLinear } from '../../../src/cli/lecture/examples/xorLinear.js'
import { expectPicture, expectPlainJson } from './check.js'

describe('lecture: XOR', () => {
  it("xor-exact: the slide's network outputs exactly 0, 1, 1, 0, and (0,1), (1,0) meet in h space", async () => {
    const shown = await xorExact()

    const json = shown.json as { outputs: number[]; mse: number; points: { h: number[] }[] }
    expect(json.outputs).toEqual([0, 1, 1, 0])
    expect(json.mse).toBe(0)
    expect(json.points.map((p) => p.h)).toEqual([[0, 0], [1, 0], [1, 0], [2, 1]])
    expectPicture(shown)
    expectPlainJson(shown)
  })

  it('xor-linear: gradient descent on a linear model ends at MSE 0.25 with every output 0.5', async () => {
    const shown = await xorLinear()

    const json = shown.json as { mse: number; outputs: number[] }
    expect(Math.abs(json.mse - 0.25)).toBeLessThan(1e-4)
    expect(json.outputs).toHaveLength(4)
    json.outputs.forEach((v) => expect(v).toBeCloseTo(0.5, 4))
    expectPicture(shown)
  })

  it('xor-learned: the trained ReLU net classifies all four points, and wider nets solve it from more seeds', async () => {
    const shown = await xorLearned()

    const json = shown.json as { outputs: number[]; steps: number; solvedSeeds: Record<string, string> }
    expect(json.outputs.map((v) => (v > 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0])
    json.outputs.forEach((v, i) => expect(Math.abs(v - [0, 1, 1, 0][i])).toBeLessThan(0.1))
    expect(json.steps).toBeGreaterThan(0)
    const solved = Object.values(json.solvedSeeds).map((s) => Number(s.split('/')[0]))
    expect(solved[solved.length - 1]).toBeGreaterThanOrEqual(solved[0])
    expectPicture(shown)
    expectPlainJson(shown)
  })
})
