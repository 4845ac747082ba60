/**
 * The training loop: the one stateful operator. It keeps the current state per subscription,
 * the way `scan` does, so batch n+1 always meets the parameters batch n produced, and
 * subscribing twice runs two independent trainings. Controls (a new optimizer, learning rate or
 * loss, frozen parameters) take effect at the next step.
 */
import { type Observable, type OperatorFunction, concatMap, defer, finalize, of, single, takeWhile, tap } from 'rxjs'
import type { Loss } from '../graph/loss.js'
import type { Net } from '../graph/net.js'
import type { Transform } from '../optim/transform.js'
import type { Batch, Minibatch, Stepped, TrainState } from './records.js'
import { trainStep } from './stages.js'

/** What a step is built from; controls change it between steps. */
export interface StepConfig {
  readonly net: Net
  readonly optimizer: Transform<unknown>
  /** The same optimizer with another learning rate; needed by `learningRate` controls. */
  readonly withLearningRate?: (learningRate: number) => Transform<unknown>
  readonly frozen: ReadonlySet<string>
}

/** A change to the running loop, applied before the next batch. */
export type Control =
  | {
      readonly type: 'optimizer'
      readonly optimizer: Transform<unknown>
      /** Keep the optimizer state (it must fit the new optimizer); otherwise start it afresh. */
      readonly keepState?: boolean
      readonly withLearningRate?: (learningRate: number) => Transform<unknown>
    }
  | { readonly type: 'learningRate'; readonly value: number }
  | { readonly type: 'loss'; readonly loss: Loss }
  | { readonly type: 'freeze'; readonly params: readonly string[] }
  | { readonly type: 'unfreeze'; readonly params: readonly string[] }
  | { readonly type: 'resetOptimizer' }

/** What to do when the non-finite guard refuses a step: go on with the next batch, or stop after reporting it. */
export type NonFinitePolicy = 'skip' | 'stop'

/** Options of `train`. */
export interface TrainOptions {
  readonly controls?: Observable<Control>
  /** Builds the step for a config; by default forward, backward and update in a row. */
  readonly step?: (config: StepConfig) => OperatorFunction<Minibatch, Stepped>
  readonly nonFinite?: NonFinitePolicy
}

/** The config and state after one control. */
const applyControl = (c: Control, config: StepConfig, state: TrainState): [StepConfig, TrainState] => {
  switch (c.type) {
    case 'optimizer': {
      const { net, frozen } = config
      const cfg: StepConfig = { net, frozen, optimizer: c.optimizer, ...(c.withLearningRate ? { withLearningRate: c.withLearningRate } : {}) }
      return [cfg, c.keepState === true ? state : { ...state, optState: c.optimizer.init(state.params) }]
    }
    case 'learningRate':
      if (config.withLearningRate === undefined) {
        throw new Error('train: a learningRate control needs the config to say how to rebuild the optimizer (withLearningRate)')
      }
      return [{ ...config, optimizer: config.withLearningRate(c.value) }, state]
    case 'loss':
      return [{ ...config, net: config.net.withLoss(c.loss) }, state]
    case 'freeze':
      return [{ ...config, frozen: new Set([...config.frozen, ...c.params]) }, state]
    case 'unfreeze':
      return [{ ...config, frozen: new Set([...config.frozen].filter((n) => !c.params.includes(n))) }, state]
    case 'resetOptimizer':
      return [config, { ...state, optState: config.optimizer.init(state.params) }]
  }
}

/** The default step: forward, backward and update of the config's net and optimizer. */
export const defaultStep = (config: StepConfig): OperatorFunction<Minibatch, Stepped> =>
  trainStep(config.net, config.optimizer, { frozen: config.frozen })

/**
 * Closes the loop: each batch meets the state the previous batch left behind. `single()` turns a
 * step that emits nothing, or twice, into an error instead of a silently skipped or doubled update.
 */
export const train =
  (initial: TrainState, initialConfig: StepConfig, options: TrainOptions = {}): OperatorFunction<Batch, Stepped> =>
  (batches) =>
    defer(() => {
      let state = initial
      let config = initialConfig
      const build = options.step ?? defaultStep
      let step = build(config)
      const pending: Control[] = []
      const subscription = options.controls?.subscribe((c) => pending.push(c))
      return batches.pipe(
        concatMap((batch) => {
          if (pending.length > 0) {
            for (const c of pending.splice(0)) [config, state] = applyControl(c, config, state)
            step = build(config)
          }
          return of<Minibatch>(Object.assign({}, state, batch)).pipe(
            step,
            single(),
            tap((next) => {
              state = next
            }),
          )
        }),
        takeWhile((s) => s.applied || options.nonFinite !== 'stop', true),
        finalize(() => subscription?.unsubscribe()),
      )
    })
