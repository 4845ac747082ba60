import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { linearLabels, linearTicks, logLabels, logTicks, niceDomain, niceLogDomain, niceStep } from '../../../src/cli/plot/ticks.js'

describe('linear ticks', () => {
  it.each([
    [[0, 1], [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [[0.003, 0.047], [0.01, 0.02, 0.03, 0.04]],
    [[0, 0.05], [0, 0.01, 0.02, 0.03, 0.04, 0.05]],
    [[-1, 1], [-1, -0.5, 0, 0.5, 1]],
    [[0, 400], [0, 100, 200, 300, 400]],
    [[0.1, 0.3], [0.1, 0.15, 0.2, 0.25, 0.3]],
    [[7, 7], [7]],
  ] as const)('ticks of %j are %j, exactly', (range, expected) => {
    expect(linearTicks(range)).toEqual(expected)
  })

  it('steps are 1, 2 or 5 times a power of ten', () => {
    expect([0.9, 1.6, 3.1, 7.2, 44, 0.0044].map((span) => niceStep(span, 5))).toEqual([0.2, 0.5, 0.5, 1, 10, 0.001])
  })

  it('widens a domain to whole steps, and a constant to an interval around it', () => {
    expect(niceDomain([0.003, 0.047])).toEqual([0, 0.05])
    expect(niceDomain([0.015, 0.69])).toEqual([0, 0.7])
    expect(niceDomain([0.25, 0.25])).toEqual([0.22, 0.28])
    expect(niceDomain([0, 0])).toEqual([-1, 1])
    expect(niceDomain([-3, -3])).toEqual([-3.3, -2.7])
  })

  it('labels with the decimals the step needs, a true minus sign, and exponents for extreme magnitudes', () => {
    expect(linearLabels([0, 0.2, 0.4, 0.6, 0.8, 1])).toEqual(['0', '0.2', '0.4', '0.6', '0.8', '1'])
    expect(linearLabels([-0.5, 0, 0.5])).toEqual(['\u22120.5', '0', '0.5'])
    expect(linearLabels([0.01, 0.02, 0.03, 0.04])).toEqual(['0.01', '0.02', '0.03', '0.04'])
    expect(linearLabels([0, 2e-5, 4e-5])).toEqual(['0', '2e-5', '4e-5'])
    expect(linearLabels([1e6, 1.5e6, 2e6])).toEqual(['1e6', '1.5e6', '2e6'])
  })

  it('returns evenly spaced ticks inside any range, 2 to 11 of them for a target of 5', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (lo, span) => {
        const hi = lo + span
        fc.pre(span > Math.abs(lo) * 1e-9) // narrower ranges are below what doubles can tick evenly
        const t = linearTicks([lo, hi], 5)
        expect(t.length).toBeGreaterThanOrEqual(2)
        expect(t.length).toBeLessThanOrEqual(11)
        for (const v of t) expect(v >= lo - span * 1e-6 && v <= hi + span * 1e-6).toBe(true)
        const step = t[1] - t[0]
        // Differences of large neighbouring doubles carry their rounding error, hence the |t|-relative term.
        for (let i = 2; i < t.length; i++) expect(Math.abs(t[i] - t[i - 1] - step)).toBeLessThan(step * 1e-6 + Math.abs(t[i]) * 1e-14)
      }),
    )
  })
})

describe('log ticks', () => {
  it('puts ticks on powers of ten over many decades, and on 1, 2, 5 within two', () => {
    expect(logTicks([0.001, 1])).toEqual([0.001, 0.01, 0.1, 1])
    expect(logTicks([1, 100])).toEqual([1, 2, 5, 10, 20, 50, 100])
    expect(logTicks([1e-12, 1])).toEqual([1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 0.01, 1])
    expect(logTicks([0, 1])).toEqual([])
  })

  it('widens to powers of ten and labels plainly between 1e-4 and 1e5', () => {
    expect(niceLogDomain([0.003, 0.69])).toEqual([0.001, 1])
    expect(niceLogDomain([1, 1])).toEqual([0.1, 10])
    expect(logLabels([0.0001, 0.01, 1, 100, 1e6, 1e-7])).toEqual(['0.0001', '0.01', '1', '100', '1e6', '1e-7'])
  })
})
