/**
 * The WASM kernels against the plain ones: every transposition form, awkward and block-crossing
 * sizes, sparse left operands (the zero-skipping path), both builds, operands in WASM memory and
 * on the JS heap. A missing build fails here with the command that makes it.
 */
import { describe, expect, it } from 'vitest'
import { plainKernels } from '../../src/tensor/kernels.js'
import { fold, key, uniform, unit } from '../../src/tensor/random.js'
import { loadWasmKernels, wasmKernels, wasmStatus, type WasmBuild, type WasmKernels } from '../../src/tensor/wasm.js'

const instances = new Map<WasmBuild, WasmKernels>()

/** The build's kernels, failing (not skipping) with the loader's reason when it cannot load. */
const kernelsOf = (build: WasmBuild): WasmKernels => {
  const known = instances.get(build)
  if (known !== undefined) return known
  const loaded = loadWasmKernels(build)
  if (!loaded.ok) throw new Error(`wasm build '${build}' did not load: ${loaded.reason}`)
  instances.set(build, loaded.kernels)
  return loaded.kernels
}

/** n uniform floats in [-1, 1), of which about `zeros` (a fraction) are set to 0. */
const floats = (seed: number, n: number, zeros = 0): Float32Array => {
  const x = uniform(key(seed), [n], -1, 1).data
  const z = fold(key(seed), 1)
  for (let i = 0; i < n; i++) if (unit(z, i) < zeros) x[i] = 0
  return x
}

interface Case {
  readonly m: number
  readonly k: number
  readonly n: number
  readonly ta: boolean
  readonly tb: boolean
  /** Fractions of zeros in A and in B (the zero-skipping tiles). */
  readonly zeros?: number
  readonly zerosB?: number
}

const forms = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
] as const

const awkward = [1, 3, 5, 7, 8, 9, 17, 33, 129]
const small: readonly Case[] = awkward.flatMap((m) =>
  awkward.flatMap((k) => awkward.flatMap((n) => forms.map(([ta, tb]) => ({ m, k, n, ta, tb })))),
)
// Past the block sizes (k 512, m 255, n 1024), and sparse operands for the zero-skipping tiles.
// Narrow outputs (n < 8 with larger m) exercise the transposed product among the small sizes.
const large: readonly Case[] = [
  { m: 300, k: 1100, n: 40 },
  { m: 7, k: 600, n: 1030 },
  { m: 128, k: 784, n: 256, zeros: 0.8 },
  { m: 33, k: 700, n: 17, zeros: 0.97 },
  { m: 21, k: 300, n: 24, zeros: 0.02 },
  { m: 256, k: 128, n: 80, zerosB: 0.9 },
  { m: 12, k: 40, n: 19, zeros: 0.5, zerosB: 0.8 },
].flatMap((c) => forms.map(([ta, tb]) => ({ ...c, ta, tb })))

/** Operands of a case, the plain result, and the error bound 1e-5·Σ_p |a||b| per entry. */
const computeReference = ({ m, k, n, ta, tb, zeros = 0, zerosB = 0 }: Case, seed: number) => {
  const a = floats(2 * seed, m * k, zeros)
  const b = floats(2 * seed + 1, k * n, zerosB)
  const expected = new Float32Array(m * n)
  plainKernels.matmul(a, b, expected, m, k, n, ta, tb)
  const bound = new Float64Array(m * n)
  plainKernels.matmul(Float64Array.from(a, Math.abs), Float64Array.from(b, Math.abs), bound, m, k, n, ta, tb)
  return { a, b, expected, bound: bound.map((s) => 1e-5 * s + 1e-30) }
}

// Each case's reference is computed once and shared by both builds and both placements.
const references = new Map<number, ReturnType<typeof computeReference>>()
const reference = (c: Case, i: number) => {
  if (!references.has(i)) references.set(i, computeReference(c, i))
  return references.get(i)!
}

/** The index of the first entry off by more than its bound, or -1. */
const firstMiss = (got: Float32Array, expected: Float32Array, bound: Float64Array): number =>
  got.findIndex((g, i) => !(Math.abs(g - expected[i]) <= bound[i]))

const copyInto = (to: Float32Array, from: Float32Array): Float32Array => {
  to.set(from)
  return to
}

const describeCase = ({ m, k, n, ta, tb, zeros, zerosB }: Case) =>
  `${m}×${k}·${k}×${n} ${ta ? 'T' : 'N'}${tb ? 'T' : 'N'}${zeros ? ` A zeros ${zeros}` : ''}${zerosB ? ` B zeros ${zerosB}` : ''}`

describe.each(['relaxed', 'simd'] as const)('wasm-%s matmul', (build) => {
  it.each([
    ['JS-heap operands', false],
    ['operands in WASM memory', true],
  ])('matches plainKernels within 1e-5·Σ|a||b| on awkward sizes, %s', (_, inMemory) => {
    const kernels = kernelsOf(build)
    const misses: string[] = []

    ;[...small, ...large].forEach((c, i) => {
      const { a, b, expected, bound } = reference(c, i)
      const place = (x: Float32Array) => (inMemory ? copyInto(kernels.alloc(x.length), x) : x)
      const [pa, pb, out] = [place(a), place(b), place(new Float32Array(c.m * c.n))]
      kernels.matmul(pa, pb, out, c.m, c.k, c.n, c.ta, c.tb)
      const miss = firstMiss(out, expected, bound)
      if (miss >= 0) misses.push(`${describeCase(c)}: entry ${miss} is ${out[miss]}, plain ${expected[miss]}`)
    })

    expect(misses).toEqual([])
  })
})

describe.each(['relaxed', 'simd'] as const)('wasm-%s edges', (build) => {
  it('writes zeros for k = 0 and nothing for m = 0 or n = 0', () => {
    const kernels = kernelsOf(build)
    const out = new Float32Array([7, 7, 7, 7, 7, 7, 7])

    kernels.matmul(new Float32Array(0), new Float32Array(0), out, 2, 0, 3, false, false)
    kernels.matmul(new Float32Array(0), new Float32Array(5), out, 0, 5, 1, false, false)

    expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, 0, 7])
  })

  it('hands Float64 buffers to the plain kernel', () => {
    const [a, b] = [Float64Array.from([1, 2, 3, 4, 5, 6]), Float64Array.from([1, 0, 0, 1, 1, 1])]
    const out = new Float64Array(4)

    kernelsOf(build).matmul(a, b, out, 2, 3, 2, false, false)

    expect(Array.from(out)).toEqual([4, 5, 10, 11])
  })

  it('keeps earlier alloc views attached and in place when the memory grows', () => {
    const kernels = kernelsOf(build)
    const a = kernels.alloc(6)
    a.set([1, 2, 3, 4, 5, 6])

    const big = kernels.alloc(8 << 20) // 32 MiB: more than the memory has, so it grows
    const b = kernels.alloc(6)
    b.set([1, 0, 0, 1, 1, 1])
    const out = kernels.alloc(4)
    kernels.matmul(a, b, out, 2, 3, 2, false, false)

    expect([a.length, big.length]).toEqual([6, 8 << 20])
    expect(Array.from(out)).toEqual([4, 5, 10, 11])
  })

  it('mixes operands in WASM memory with JS arrays in one call', () => {
    const kernels = kernelsOf(build)
    const a = kernels.alloc(6)
    a.set([1, 2, 3, 4, 5, 6])
    const out = new Float32Array(4)

    kernels.matmul(a, Float32Array.from([1, 0, 0, 1, 1, 1]), out, 2, 3, 2, false, false)

    expect(Array.from(out)).toEqual([4, 5, 10, 11])
  })

  it('names the sizes when a buffer is too short, and refuses an output overlapping an operand', () => {
    const kernels = kernelsOf(build)
    const shared = kernels.alloc(16)

    const short = () => kernels.matmul(new Float32Array(5), new Float32Array(6), new Float32Array(4), 2, 3, 2, false, false)
    const overlap = () => kernels.matmul(shared.subarray(0, 6), shared.subarray(6, 12), shared.subarray(10, 14), 2, 3, 2, false, false)

    expect(short).toThrow('wasm matmul: 2×3·3×2 needs 6, 6 and 4 floats, got 5, 6 and 4')
    expect(overlap).toThrow('wasm matmul: out overlaps an operand')
  })
})

describe('loading', () => {
  it('picks the relaxed-SIMD build when this Node can run it', () => {
    const status = wasmStatus()

    expect(status).toMatchObject({ ok: true })
    expect(wasmKernels()?.name).toBe(loadWasmKernels('relaxed').ok ? 'wasm-relaxed' : 'wasm-simd')
    expect(wasmKernels()).toBe(wasmKernels()) // one instance, so every plan's alloc'd buffers share its memory
  })

  it('says which command builds a missing file', () => {
    const missing = loadWasmKernels('simd', new URL('file:///nonexistent/dist/wasm/'))

    expect(missing).toEqual({ ok: false, reason: '/nonexistent/dist/wasm/simd.wasm is missing: run `npm run build:wasm`' })
  })
})
