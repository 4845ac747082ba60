import { describe, expect, it } from 'vitest'
import { activations } from '../../../src/cli/lecture/examples/activations.js'
import { mdn } from '../../../src/cli/lecture/examples/mdn.js'
import { outputUnits } from '../../../src/cli/lecture/examples/outputUnits.js'
import { saturation } from '../../../src/cli/lecture/examples/saturation.js'
import { expectPicture, expectPlainJson } from './check.js'

type Sampled = { name: string; samples: { x: number; value: number; derivative: number }[] }

describe('lecture: hidden units, output units and costs', () => {
  it('activations: values and symbolic derivatives match the formulas, kinks as the contract fixes them', async () => {
    const shown = await activations()

    const units = new Map((shown.json as { units: Sampled[] }).units.map((u) => [u.name, u.samples]))
    const sigma = (v: number) => 1 / (1 + Math.exp(-v))
    const expected: Record<string, [(x: number) => number, (x: number) => number]> = {
      relu: [(x) => Math.max(0, x), (x) => (x > 0 ? 1 : 0)],
      abs: [Math.abs, Math.sign],
      'leaky-relu': [(x) => (x > 0 ? x : 0.1 * x), (x) => (x > 0 ? 1 : 0.1)],
      prelu: [(x) => (x > 0 ? x : 0.25 * x), (x) => (x > 0 ? 1 : 0.25)],
      maxout: [(x) => Math.max(-x - 1, 0.5 * x, 2 * x - 2), (x) => (x < -2 / 3 ? -1 : x < 4 / 3 ? 0.5 : 2)],
      sigmoid: [sigma, (x) => sigma(x) * (1 - sigma(x))],
      tanh: [Math.tanh, (x) => 1 - Math.tanh(x) ** 2],
      softplus: [(x) => Math.log1p(Math.exp(x)), sigma],
    }
    expect([...units.keys()]).toEqual(Object.keys(expected))
    for (const [name, [f, df]] of Object.entries(expected)) {
      for (const s of units.get(name) ?? []) {
        expect(s.value).toBeCloseTo(f(s.x), 5)
        expect(s.derivative).toBeCloseTo(df(s.x), 5)
      }
    }
    expectPicture(shown)
    expectPlainJson(shown)
  })

  it('output-units: every pairing trains to a low loss on its problem', async () => {
    const shown = await outputUnits()

    const pairings = (shown.json as { pairings: { outputUnit: string; finalLoss: number; testLoss: number; testAccuracy?: number }[] }).pairings
    expect(pairings.map((p) => p.outputUnit)).toEqual(['sigmoid', 'softmax', 'linear', 'mixture density (K = 2)'])
    expect(pairings[0].testAccuracy).toBeGreaterThan(0.95)
    expect(pairings[1].testAccuracy).toBeGreaterThan(0.9)
    expect(pairings[2].testLoss).toBeLessThan(0.06) // the noise alone is 0.15² = 0.0225
    expect(pairings[3].testLoss).toBeLessThan(0) // a density concentrated on the two branches
    expectPicture(shown)
    expectPlainJson(shown)
  })

  it('saturation: at a confidently wrong logit the cross-entropy gradient is ≈ −1, the MSE one ≈ 10⁴ times smaller', async () => {
    const shown = await saturation()

    const json = shown.json as {
      logit: number
      mseGrad: number
      crossEntropyGrad: number
      gradientDescent: { stepsUntilRight: Record<string, number> }
    }
    const p = 1 / (1 + Math.exp(-json.logit))
    expect(json.crossEntropyGrad).toBeCloseTo(p - 1, 5)
    expect(json.mseGrad).toBeCloseTo(2 * (p - 1) * p * (1 - p), 8)
    expect(Math.abs(json.crossEntropyGrad)).toBeGreaterThan(1000 * Math.abs(json.mseGrad))
    expect(json.gradientDescent.stepsUntilRight['cross-entropy']).toBeLessThan(json.gradientDescent.stepsUntilRight.MSE)
    expectPicture(shown)
  })

  it('mdn: the mixture density network has the lower test NLL, and its nearest branch is closer than the least-squares fit', async () => {
    const shown = await mdn()

    const json = shown.json as { leastSquares: { nll: number; mse: number }; mixtureDensity: { nll: number; mse: number; bestBranchMse: number } }
    expect(json.mixtureDensity.nll).toBeLessThan(json.leastSquares.nll - 0.5)
    expect(json.mixtureDensity.bestBranchMse).toBeLessThan(json.leastSquares.mse / 4)
    expectPicture(shown)
    expectPlainJson(shown)
  })
})
