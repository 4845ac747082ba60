/**
 * Watching a pipeline: operators that pass every value through unchanged and report metrics
 * records to a sink — per-stage time, loss, gradient norms, activation statistics, throughput.
 */
import { type Observer, type OperatorFunction, defer, map, tap } from 'rxjs'
import type { Net } from '../graph/net.js'
import { compile } from '../graph/plan.js'
import type { Backwarded, Forwarded, Stepped } from './records.js'

/** One metrics record. */
export type Metric =
  | { readonly type: 'stage'; readonly stage: string; readonly step: number; readonly ms: number }
  | { readonly type: 'loss'; readonly step: number; readonly loss: number }
  | { readonly type: 'gradNorm'; readonly step: number; readonly param: string; readonly norm: number }
  | {
      readonly type: 'activations'
      readonly step: number
      readonly layer: string
      readonly kind: string
      readonly mean: number
      readonly std: number
      /** Share of exact zeros: dead ReLUs show up here. */
      readonly zeros: number
    }
  | { readonly type: 'throughput'; readonly step: number; readonly events: number; readonly eventsPerSecond: number }

/** A sink for metrics: any observer (a Subject, an array collector, a JSONL writer). */
export type MetricSink = Pick<Observer<Metric>, 'next'>

/** A clock in milliseconds; injectable so tests can use virtual time. */
export type Clock = () => number

const wallClock: Clock = () => performance.now()

/** `stage` with its time per value reported as `{type: 'stage'}` (stages here are synchronous 1:1 maps). */
export const timed = <A extends { readonly step: number }, B>(
  name: string,
  stage: OperatorFunction<A, B>,
  sink: MetricSink,
  clock: Clock = wallClock,
): OperatorFunction<A, B> =>
  (source) =>
    defer(() => {
      let started = 0
      let step = 0
      return source.pipe(
        tap((a) => {
          step = a.step
          started = clock()
        }),
        stage,
        tap(() => sink.next({ type: 'stage', stage: name, step, ms: clock() - started })),
      )
    })

/** Reports each step's loss (the batch's mean data loss before the update). */
export const watchLoss = (sink: MetricSink): OperatorFunction<Stepped, Stepped> =>
  tap((s) => sink.next({ type: 'loss', step: s.step, loss: s.loss }))

/** Reports ‖∂J/∂θ‖₂ for each parameter, after backward. */
export const watchGradients = <S>(sink: MetricSink): OperatorFunction<Backwarded<S>, Backwarded<S>> =>
  tap((b) => {
    for (const [param, g] of Object.entries(b.grads)) {
      let s = 0
      for (let i = 0; i < g.data.length; i++) s += g.data[i] * g.data[i]
      sink.next({ type: 'gradNorm', step: b.step, param, norm: Math.sqrt(s) })
    }
  })

/** Reports mean, standard deviation and share of zeros of every layer's output, after forward (one extra plan run). */
export const watchActivations = <S>(net: Net, sink: MetricSink): OperatorFunction<Forwarded<S>, Forwarded<S>> => {
  const plan = compile(
    net.layers.map((l) => l.output),
    [net.x, ...net.params.map((p) => p.node)],
  )
  return tap((f) => {
    const outs = plan.run([f.x, ...net.params.map((p) => f.params[p.name])])
    outs.forEach((t, i) => {
      let sum = 0
      let sq = 0
      let zeros = 0
      for (let j = 0; j < t.data.length; j++) {
        const v = t.data[j]
        sum += v
        sq += v * v
        if (v === 0) zeros++
      }
      const n = Math.max(t.data.length, 1)
      const mean = sum / n
      const { path, kind } = net.layers[i]
      sink.next({ type: 'activations', step: f.step, layer: path, kind, mean, std: Math.sqrt(Math.max(sq / n - mean * mean, 0)), zeros: zeros / n })
    })
  })
}

/** Reports events per second since the first step, every `every` steps. */
export const watchThroughput = (sink: MetricSink, every = 100, clock: Clock = wallClock): OperatorFunction<Stepped, Stepped> =>
  (source) =>
    defer(() => {
      const started = clock()
      let events = 0
      let steps = 0
      return source.pipe(
        map((s) => {
          events += s.lines.length
          steps++
          if (steps % every === 0) {
            const seconds = (clock() - started) / 1000
            sink.next({ type: 'throughput', step: s.step, events, eventsPerSecond: seconds > 0 ? events / seconds : 0 })
          }
          return s
        }),
      )
    })
