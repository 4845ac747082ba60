/**
 * A contender child's job, from its command line `<spec.json> <init.safetensors> <budget>`: the
 * streamprop spec (model, loss, optimizer, batch size, epochs and files) read as a plain MLP
 * description, the initial parameters, and a time budget in seconds (0: every epoch in full). Every contender learns from this one description, so none can drift from the others.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { decodeSafetensors } from '../../src/checkpoint/safetensors/decode.js'
import type { Params } from '../../src/tensor/params.js'

/** A dense stack with one hidden activation: what every contender can build. */
export interface MlpJob {
  /** Layer widths, inputs first: [16, 64, 64, 1]. */
  readonly sizes: readonly number[]
  readonly hidden: 'tanh' | 'relu'
  /** `softmax` means softmax fused with cross-entropy (logits into the loss), `linear` means mse. */
  readonly head: 'linear' | 'softmax'
  /** Per dense layer, its parameter names in the checkpoint (torch.nn.Sequential's). */
  readonly names: readonly { readonly weight: string; readonly bias: string }[]
  readonly learningRate: number
  readonly momentum: number
  readonly batchSize: number
  readonly epochs: number
  /** Absolute paths of the data files. */
  readonly train: string
  readonly test?: string
  readonly init: Params
  /**
   * Seconds after which the run stops at the next batch boundary; 0 runs every epoch in full.
   * Contenders differ in speed by a factor of a hundred, so a fixed event count would make the
   * slowest run for minutes; the rate over the first seconds of the same stream is what we compare.
   */
  readonly budget: number
}

interface SpecShape {
  readonly model: { readonly inputs: number; readonly layers: readonly { readonly type: string; readonly units?: number }[] }
  readonly loss: { readonly type: string }
  readonly optimizer: { readonly type: string; readonly learningRate: number; readonly momentum?: number }
  readonly data: {
    readonly train: { readonly type: string; readonly path?: string }
    readonly test?: { readonly type: string; readonly path?: string }
    readonly batchSize: number
    readonly epochs?: number
  }
}

const fail = (why: string): never => {
  throw new Error(`bench job: ${why}`)
}

/** The MLP a spec describes; throws when the spec is not dense/activation pairs the contenders can all build. */
export const mlpOf = (spec: SpecShape, specDir: string, init: Params, budget: number): MlpJob => {
  const layers = spec.model.layers
  const sizes = [spec.model.inputs]
  const names: { weight: string; bias: string }[] = []
  // Assigned inside the callback, so TypeScript must not narrow them to their initial values.
  let hidden = undefined as 'tanh' | 'relu' | undefined
  let head = 'linear' as 'linear' | 'softmax'
  layers.forEach((l, i) => {
    if (l.type === 'dense' && typeof l.units === 'number') {
      sizes.push(l.units)
      names.push({ weight: `${i}.weight`, bias: `${i}.bias` })
    } else if ((l.type === 'tanh' || l.type === 'relu') && i < layers.length - 1) {
      if (hidden !== undefined && hidden !== l.type) fail('one hidden activation only')
      hidden = l.type
    } else if (l.type === 'softmax' && i === layers.length - 1) {
      head = 'softmax'
    } else fail(`layer ${i} (${l.type}) is not supported`)
  })
  const loss = spec.loss.type
  if ((head === 'softmax') !== (loss === 'cross-entropy') || (head === 'linear' && loss !== 'mse')) fail(`loss ${loss} with a ${head} head`)
  if (spec.optimizer.type !== 'sgd') fail('sgd only')
  const path = (s: { readonly type: string; readonly path?: string }): string =>
    s.type === 'jsonl' && typeof s.path === 'string' ? resolve(specDir, s.path) : fail(`${s.type} sources are not supported`)
  return {
    sizes,
    hidden: hidden ?? 'tanh',
    head,
    names,
    learningRate: spec.optimizer.learningRate,
    momentum: spec.optimizer.momentum ?? 0,
    batchSize: spec.data.batchSize,
    epochs: spec.data.epochs ?? 1,
    train: path(spec.data.train),
    ...(spec.data.test === undefined ? {} : { test: path(spec.data.test) }),
    init,
    budget,
  }
}

/** The parameters in a safetensors file. */
export const readInit = (path: string): Params => {
  const decoded = decodeSafetensors(readFileSync(path))
  if (E.isLeft(decoded)) throw new Error(`bench job: ${path}: ${decoded.left}`)
  return decoded.right.tensors
}

/** The job of this process's command line (argv after the script). */
export const jobFromArgv = (argv: readonly string[]): MlpJob => {
  const [specPath, initPath, budget = '0'] = argv
  if (specPath === undefined || initPath === undefined) fail('usage: <spec.json> <init.safetensors> [budget seconds]')
  const spec = JSON.parse(readFileSync(specPath, 'utf8')) as SpecShape
  return mlpOf(spec, dirname(resolve(specPath)), readInit(initPath), Number(budget))
}

/** Whether a run covers every epoch in full (only then is its test accuracy comparable). */
export const fullRun = (job: MlpJob): boolean => job.budget === 0
