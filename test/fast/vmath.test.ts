/**
 * The trainer's vector exp, tanh and sigmoid against Math.exp / Math.tanh evaluated in double:
 * errors in float32 ulps of the true value over a dense grid, both builds, plus the edges (±∞,
 * NaN, overflow, underflow). The bounds here are the ones the module's header states.
 */
import { describe, expect, it } from 'vitest'
import { type FastRuntime, fastRuntime } from '../../src/fast/runtime.js'
import type { WasmBuild } from '../../src/tensor/wasm/load.js'

const runtimeOf = (build: WasmBuild): FastRuntime => {
  const r = fastRuntime(build)
  if (!r.ok) throw new Error(`wasm build '${build}' did not load: ${r.reason}`)
  return r.runtime
}

/** The float32 ulp at |v| (the gap to the next float32 away from zero), v a normal float. */
const ulp = (v: number): number => {
  const a = Math.fround(Math.abs(v))
  const bits = new Uint32Array(Float32Array.of(a).buffer)[0]
  return new Float32Array(Uint32Array.of(bits + 1).buffer)[0] - a
}

/** f applied by the module to xs (copied into its memory), as numbers. */
const mapped = (rt: FastRuntime, f: 'mapExp' | 'mapTanh' | 'mapSigmoid', xs: Float32Array): Float32Array => {
  const n = Math.ceil(xs.length / 4) * 4
  const buf = rt.arena.alloc(n)
  buf.set(xs)
  rt.exports[f](buf.byteOffset, n)
  return buf.slice(0, xs.length)
}

/** A grid over [lo, hi] plus small magnitudes down to 1e-30, both signs. */
const grid = (lo: number, hi: number, n: number): Float32Array => {
  const out: number[] = []
  for (let i = 0; i <= n; i++) out.push(lo + ((hi - lo) * i) / n)
  for (let e = -30; e <= 0; e += 0.01) out.push(10 ** e, -(10 ** e))
  return Float32Array.from(out)
}

/** The largest error in ulps of the true value, over results whose true value is a normal float. */
const worstUlps = (got: Float32Array, xs: Float32Array, truth: (x: number) => number): { ulps: number; at: number } => {
  let worst = { ulps: 0, at: 0 }
  xs.forEach((x, i) => {
    const t = truth(x)
    if (!Number.isFinite(t) || Math.abs(t) < 1.1754943508222875e-38) return
    const e = Math.abs(got[i] - t) / ulp(t)
    if (e > worst.ulps) worst = { ulps: e, at: x }
  })
  return worst
}

describe.each(['relaxed', 'simd'] as const)('vector math, %s build', (build) => {
  const rt = runtimeOf(build)

  it('exp is within 1.5 ulp on [−87.3, 88.7], +∞ above, 0 below, NaN for NaN', () => {
    const xs = grid(-87.3, 88.7, 400_000)

    const worst = worstUlps(mapped(rt, 'mapExp', xs), xs, Math.exp)
    const edges = mapped(rt, 'mapExp', Float32Array.of(Infinity, -Infinity, NaN, 89, -104, 0))

    expect(worst.ulps).toBeLessThan(1.5)
    expect(Array.from(edges)).toEqual([Infinity, 0, NaN, Infinity, 0, 1])
    console.log(`${build} exp: largest error ${worst.ulps.toFixed(2)} ulp at x = ${worst.at}`)
  })

  it('tanh is within 1.5 ulp everywhere, odd, ±1 at ±∞, NaN for NaN', () => {
    const xs = grid(-20, 20, 400_000)

    const got = mapped(rt, 'mapTanh', xs)
    const worst = worstUlps(got, xs, Math.tanh)
    const edges = mapped(rt, 'mapTanh', Float32Array.of(Infinity, -Infinity, NaN, 0, -0, 1e-30))

    expect(worst.ulps).toBeLessThan(1.5)
    expect(Array.from(edges)).toEqual([1, -1, NaN, 0, -0, Math.fround(1e-30)])
    expect(Array.from(mapped(rt, 'mapTanh', xs.map((x) => -x)))).toEqual(Array.from(got, (v) => -v))
    console.log(`${build} tanh: largest error ${worst.ulps.toFixed(2)} ulp at x = ${worst.at}`)
  })

  it('sigmoid is within 2.5 ulp wherever σ(x) is a normal float, 1 and 0 at ±∞, NaN for NaN', () => {
    const xs = grid(-87, 30, 400_000)
    const sigma = (x: number): number => 1 / (1 + Math.exp(-x))

    const got = mapped(rt, 'mapSigmoid', xs)
    const worst = worstUlps(got, xs, sigma)
    let abs = 0
    xs.forEach((x, i) => (abs = Math.max(abs, Math.abs(got[i] - sigma(x)))))
    const edges = mapped(rt, 'mapSigmoid', Float32Array.of(Infinity, -Infinity, NaN, 0, -200))

    expect(worst.ulps).toBeLessThan(2.5)
    expect(abs).toBeLessThan(1.2e-7)
    expect(Array.from(edges)).toEqual([1, 0, NaN, 0.5, 0])
    console.log(`${build} sigmoid: largest error ${worst.ulps.toFixed(2)} ulp at x = ${worst.at}, ${abs.toExponential(2)} absolute`)
  })
})
