import { describe, expect, it } from 'vitest'
import { depth } from '../../../src/cli/lecture/examples/depth.js'
import { linearRegions } from '../../../src/cli/lecture/examples/linearRegions.js'
import { parameters } from '../../../src/cli/lecture/examples/parameters.js'
import { universalApproximation } from '../../../src/cli/lecture/examples/universalApproximation.js'
import { expectPicture, expectPlainJson } from './check.js'

// The digits examples at a reduced size; `lecture depth` and `lecture parameters` run the whole split.
const small = { train: 2000, test: 400, epochs: 2 } as const

describe('lecture: architecture', () => {
  it('universal-approximation: the error falls as the hidden layer widens', async () => {
    const shown = await universalApproximation()

    const { widths, errors } = shown.json as { widths: number[]; errors: number[] }
    expect(widths).toEqual([...widths].sort((a, b) => a - b))
    errors.slice(1).forEach((e, i) => expect(e).toBeLessThan(errors[i]))
    expect(errors[errors.length - 1]).toBeLessThan(errors[0] / 1000)
    expectPicture(shown)
    expectPlainJson(shown)
  })

  it('depth: nets of each depth stay within the budget and are scored on the test digits', async () => {
    const shown = await depth({ ...small, depths: [1, 3] })

    const json = shown.json as { depths: number[]; parameters: number[]; testAccuracy: number[]; budget: number; data: { train: number } }
    expect(json.depths).toEqual([1, 3])
    expect(json.data.train).toBe(small.train)
    json.parameters.forEach((p) => expect(p).toBeLessThanOrEqual(json.budget))
    json.parameters.forEach((p) => expect(p).toBeGreaterThan(0.9 * json.budget))
    json.testAccuracy.forEach((a) => expect(a).toBeGreaterThan(0.4)) // chance is 0.1
    expectPicture(shown)
  })

  it('parameters: both families are trained at each budget and scored', async () => {
    const shown = await parameters({ ...small, budgets: [1000, 3000] })

    const json = shown.json as { families: { depth: number; parameters: number[]; testAccuracy: number[] }[] }
    expect(json.families.map((f) => f.depth)).toEqual([1, 3])
    json.families.forEach((f) => {
      expect(f.parameters[0]).toBeLessThanOrEqual(1000)
      expect(f.parameters[1]).toBeLessThanOrEqual(3000)
      f.testAccuracy.forEach((a) => expect(a).toBeGreaterThan(0.2))
    })
    expectPicture(shown)
  })

  it('linear-regions: the counts stay within the bounds, and the folding construction attains Montúfar et al.', async () => {
    const shown = await linearRegions()

    const json = shown.json as {
      counted: number
      countedOnGrid: number
      bound: number
      upperBound: number
      construction: { counted: number; countedOnGrid: number }
      shallow: { counted: number; max: number }
    }
    expect(json.bound).toBe(2 ** 4 * (1 + 4 + 6))
    expect(json.counted).toBeLessThanOrEqual(json.bound)
    expect(json.counted).toBeLessThanOrEqual(json.upperBound)
    expect(json.countedOnGrid).toBeLessThanOrEqual(json.counted)
    expect(json.countedOnGrid).toBeGreaterThan(json.counted * 0.8)
    expect(json.construction.counted).toBe(json.bound)
    expect(json.construction.countedOnGrid).toBe(json.bound)
    expect(json.shallow.counted).toBeLessThanOrEqual(json.shallow.max)
    expectPicture(shown)
    expectPlainJson(shown)
  })
})
