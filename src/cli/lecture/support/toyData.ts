/**
 * Small seeded problems, each suited to one output unit: a disk (two classes), three blobs (three
 * classes), a noisy sine (one value), a circle and an inverted sine (several values per input).
 */
import { type Key, normal, split, uniform } from '../../../tensor/random.js'

/** Inputs and targets as plain rows. */
export interface Rows {
  readonly x: readonly (readonly number[])[]
  readonly y: readonly (readonly number[])[]
}

/** n draws of U(lo, hi) and n of N(0, 1) from two halves of one key. */
const draws = (k: Key, n: number, lo: number, hi: number): [Float32Array, Float32Array] => {
  const [a, b] = split(k)
  return [uniform(a, [n], lo, hi).data, normal(b, [n]).data]
}

/** Points uniform on [−2, 2]²; y = 1 inside the disk of radius 1.2, else 0. */
export const disk = (k: Key, n: number): Rows => {
  const u = uniform(k, [n, 2], -2, 2).data
  const x = Array.from({ length: n }, (_, i) => [u[2 * i], u[2 * i + 1]])
  return { x, y: x.map(([a, b]) => [Math.hypot(a, b) < 1.2 ? 1 : 0]) }
}

/** Three Gaussian blobs (σ = 0.7) around points 1.5 from the origin, 120° apart; y one-hot. */
export const blobs = (k: Key, n: number): Rows => {
  const [a, b] = split(k)
  const noise = normal(a, [n, 2], 0, 0.7).data
  const cls = uniform(b, [n], 0, 3).data
  const rows = Array.from({ length: n }, (_, i) => {
    const c = Math.floor(cls[i])
    const angle = Math.PI / 2 + (2 * Math.PI * c) / 3
    return { x: [1.5 * Math.cos(angle) + noise[2 * i], 1.5 * Math.sin(angle) + noise[2 * i + 1]], y: [0, 1, 2].map((j) => (j === c ? 1 : 0)) }
  })
  return { x: rows.map((r) => r.x), y: rows.map((r) => r.y) }
}

/** x ~ U(−3, 3), y = sin(x) + 0.3·cos(3x) + N(0, 0.15²). */
export const noisySine = (k: Key, n: number): Rows => {
  const [u, e] = draws(k, n, -3, 3)
  return { x: Array.from(u, (v) => [v]), y: Array.from(u, (v, i) => [Math.sin(v) + 0.3 * Math.cos(3 * v) + 0.15 * e[i]]) }
}

/** x ~ U(−1, 1), y = ±√(1 − x²) + N(0, 0.05²), the sign a fair coin: two answers per input. */
export const circle = (k: Key, n: number): Rows => {
  const [a, b] = split(k)
  const [u, e] = draws(a, n, -1, 1)
  const coin = uniform(b, [n], 0, 1).data
  return { x: Array.from(u, (v) => [v]), y: Array.from(u, (v, i) => [(coin[i] < 0.5 ? 1 : -1) * Math.sqrt(1 - v * v) + 0.05 * e[i]]) }
}

/** Bishop's inverse problem: y ~ U(0, 1), x = y + 0.3·sin(2πy) + U(−0.1, 0.1); predict y from x. */
export const invertedSine = (k: Key, n: number): Rows => {
  const [a, b] = split(k)
  const y = uniform(a, [n], 0, 1).data
  const e = uniform(b, [n], -0.1, 0.1).data
  return { x: Array.from(y, (v, i) => [v + 0.3 * Math.sin(2 * Math.PI * v) + e[i]]), y: Array.from(y, (v) => [v]) }
}
