/** The training runs recorded from torch 1.13 by fixtures/training/record.py, as the tests read them. */
import { readFileSync } from 'node:fs'
import type { Params } from '../../src/tensor/params.js'
import { tensor } from '../../src/tensor/tensor.js'

/** A number or nested arrays of them, as torch's tolist() writes a tensor. */
export type Nested = number | Nested[]

/** One recorded run: its model, loss, optimizer and data, the initial parameters and every step's loss and parameters. */
export interface TorchRun<Layer = { type: string } & Record<string, number>, Loss = string, Optimizer = { type: string; learningRate: number } & Record<string, number | boolean>> {
  name: string
  inputs: number
  layers: Layer[]
  loss: Loss
  optimizer: Optimizer
  batchSize: number
  epochs: number
  regularization: { l1: number; l2: number }
  x: number[][]
  y: number[][]
  initial: Record<string, Nested>
  steps: { loss: number; params: Record<string, Nested> }[]
}

/** The runs of fixtures/training/runs.json (read relative to the repository root, where vitest runs). */
export const torchRuns = <R extends TorchRun<unknown, unknown, unknown> = TorchRun>(): R[] =>
  (JSON.parse(readFileSync('fixtures/training/runs.json', 'utf8')) as { runs: R[] }).runs

/** The numbers of a nested value in row-major order. */
export const flat = (v: Nested): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v])

/** The shape of a nested value. */
export const shapeOf = (v: Nested): number[] => (Array.isArray(v) ? [v.length, ...shapeOf(v[0] ?? 0)] : [])

/** The run's initial parameters as tensors. */
export const initialParams = (run: TorchRun<unknown, unknown, unknown>): Params =>
  Object.fromEntries(Object.entries(run.initial).map(([n, v]) => [n, tensor(shapeOf(v), flat(v))]))

/**
 * The largest error of a replay's parameters against the recorded ones, relative to max(|w|, 0.01),
 * over every step and entry, and where it is.
 */
export const worstRelativeError = (
  run: TorchRun<unknown, unknown, unknown>,
  steps: readonly { readonly params: Readonly<Record<string, { readonly data: ArrayLike<number> }>> }[],
): { worst: number; at: string } => {
  let worst = 0
  let at = ''
  steps.forEach((s, i) => {
    for (const [name, value] of Object.entries(run.steps[i].params)) {
      const got = s.params[name].data
      flat(value).forEach((w, j) => {
        const e = Math.abs(got[j] - w) / Math.max(Math.abs(w), 1e-2)
        if (e > worst) [worst, at] = [e, `${name}[${j}] = ${w} at step ${i + 1}`]
      })
    }
  })
  return { worst, at }
}
