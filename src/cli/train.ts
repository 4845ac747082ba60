/** `streamprop train <spec>`: trains a spec's model on its data and writes what was asked for. */
import { resolve } from 'node:path'
import { type Options, type Parsed, command, positiveIntOption, stringOption } from './args.js'
import { BadRequest } from './failure.js'
import { writeAtomic } from './files.js'
import { loadSpec } from './loadSpec.js'
import { type TrainOutcome, runTraining } from './train/session.js'

const options: Options = {
  init: { type: 'string', value: 'FILE', help: 'start from these parameters (safetensors) instead of the seeded init' },
  out: { type: 'string', value: 'FILE', help: 'write the final parameters (safetensors; torch load_state_dict accepts it)' },
  state: { type: 'string', value: 'FILE', help: 'write the full training state at the end (and every N steps)' },
  resume: { type: 'string', value: 'FILE', help: 'continue from a training state' },
  'checkpoint-every': { type: 'string', value: 'N', help: 'write --state atomically every N optimizer steps' },
  metrics: { type: 'string', value: 'FILE', help: 'write {"step", "loss"} per step and a final summary (JSONL)' },
  'dead-letter': { type: 'string', value: 'FILE', help: 'write each rejected line as {"line", "raw", "error"} (JSONL)' },
  'max-steps': { type: 'string', value: 'N', help: 'stop after N optimizer steps in total (the state can be resumed)' },
  patience: { type: 'string', value: 'N', help: 'early stopping: stop after N evaluations without a lower test loss; --out gets the best parameters' },
  'non-finite': { type: 'string', value: 'skip|stop', help: 'a step with a non-finite loss or gradient is skipped (default) or ends the run with exit 1' },
  engine: { type: 'string', value: 'auto|fast|staged', help: 'fast: the fused WASM trainer (plain MLPs); staged: the RxJS stages; auto (default): fast where it applies' },
  'eval-every': { type: 'string', value: 'N', help: 'evaluate on data.test every N steps (always at epoch ends)' },
  plot: { type: 'string', value: 'FILE.svg', help: 'draw loss and accuracy curves (train and test)' },
  quiet: { type: 'boolean', short: 'q', help: 'no progress and no report' },
}

/** The `train` command. */
export const trainCommand = command({
  name: 'train',
  summary: 'train a spec’s model on its data',
  synopsis: 'streamprop train <spec.json> [options]',
  description: 'Trains the model of a spec on its training source, epoch by epoch, and writes the outputs asked for.',
  options,
  run: async (p, io) => {
    if (p.positionals.length !== 1) throw new BadRequest([`train: expected one spec file, got ${p.positionals.length} (see streamprop train --help)`])
    const plot = stringOption(p, 'plot')
    if (p.values['checkpoint-every'] !== undefined && stringOption(p, 'state') === undefined) {
      throw new BadRequest(['train: --checkpoint-every needs --state FILE to write to'])
    }
    const checkpointEvery = positiveIntOption('train', p, 'checkpoint-every')
    const evalEvery = positiveIntOption('train', p, 'eval-every')
    const maxSteps = positiveIntOption('train', p, 'max-steps')
    const patience = positiveIntOption('train', p, 'patience')
    const engine = stringOption(p, 'engine')
    if (engine !== undefined && engine !== 'auto' && engine !== 'fast' && engine !== 'staged') {
      throw new BadRequest([`train: --engine expects auto, fast or staged, got ${JSON.stringify(engine)}`])
    }
    const nonFinite = stringOption(p, 'non-finite')
    if (nonFinite !== undefined && nonFinite !== 'skip' && nonFinite !== 'stop') {
      throw new BadRequest([`train: --non-finite expects skip or stop, got ${JSON.stringify(nonFinite)}`])
    }
    const loaded = await loadSpec(p.positionals[0], io.cwd)
    const optional = <K extends string, V>(k: K, v: V | undefined) => (v === undefined ? {} : ({ [k]: v } as { [P in K]: V }))
    const outcome = await runTraining(
      {
        loaded,
        ...optional('init', stringOption(p, 'init')),
        ...optional('out', stringOption(p, 'out')),
        ...optional('state', stringOption(p, 'state')),
        ...optional('resume', stringOption(p, 'resume')),
        ...optional('checkpointEvery', checkpointEvery),
        ...optional('metrics', stringOption(p, 'metrics')),
        ...optional('deadLetter', stringOption(p, 'dead-letter')),
        ...optional('evalEvery', evalEvery),
        ...optional('maxSteps', maxSteps),
        ...optional('patience', patience),
        ...optional('nonFinite', nonFinite),
        ...optional('engine', engine),
        quiet: p.values.quiet === true,
      },
      io,
    )
    if (plot !== undefined) writeAtomic(resolve(io.cwd, plot), await plotCurves(outcome))
    if (p.values.quiet !== true) io.stdout.write(report(outcome, p))
    if (outcome.summary.stopped === 'nonFinite') {
      io.stderr.write(`train: stopped after step ${outcome.summary.steps}: a step had a non-finite loss or gradient (--non-finite stop)\n`)
      return 1
    }
    return 0
  },
})

/** Loss (per step) and accuracy (per evaluation) curves, train and test. */
const plotCurves = async ({ curves }: TrainOutcome): Promise<string> => {
  const [{ trainingCurves }, { toSvg }] = await Promise.all([import('./plot/charts/lines.js'), import('./plot/figure.js')])
  const evals = curves.evaluations
  const withAccuracy = evals.filter((e) => e.accuracy !== null)
  return toSvg(
    trainingCurves({
      title: 'training',
      loss: [
        { name: 'train (each batch)', x: curves.steps, y: curves.losses, color: '#c8d3e6' },
        { name: 'train (smoothed)', x: curves.steps, y: curves.smoothed },
        ...(evals.length > 0 ? [{ name: 'test', x: evals.map((e) => e.step), y: evals.map((e) => e.loss) }] : []),
      ],
      ...(withAccuracy.length > 0 || curves.accuracy.length > 0
        ? {
            accuracy: [
              ...(curves.accuracy.length > 0 ? [{ name: 'train (prequential, last 500)', x: curves.steps, y: curves.accuracy }] : []),
              ...(withAccuracy.length > 0 ? [{ name: 'test', x: withAccuracy.map((e) => e.step), y: withAccuracy.map((e) => e.accuracy as number) }] : []),
            ],
          }
        : {}),
    }),
  )
}

/** The few lines a person reads at the end. */
const report = ({ summary: s }: TrainOutcome, p: Parsed): string => {
  const lines = [
    `trained ${s.steps} steps on ${s.trained.toLocaleString('en-US')} events per pass (${s.deadLettered} dead-lettered, ${s.skipped} skipped) in ${s.seconds.toFixed(1)} s, ${Math.round(s.eventsPerSecond).toLocaleString('en-US')} events/s`,
    ...(s.refused > 0 ? [`refused ${s.refused} steps with a non-finite loss or gradient`] : []),
    ...(s.stopped === 'patience' ? [`stopped early: no better test loss in ${p.values.patience} evaluations; the best was at step ${s.bestStep}`] : []),
    ...(s.stopped === 'interrupted' ? ['interrupted: the last step finished and the outputs were written'] : []),
    ...(s.finalLoss !== null ? [`last batch loss ${s.finalLoss.toPrecision(5)}`] : []),
    ...(s.test !== null
      ? [`test loss ${s.test.loss.toPrecision(5)}${s.test.accuracy !== null ? `, test accuracy ${(100 * s.test.accuracy).toFixed(2)}%` : ''} on ${s.test.examples} examples`]
      : []),
    ...['out', 'state', 'metrics', 'dead-letter', 'plot'].flatMap((k) => (typeof p.values[k] === 'string' ? [`wrote ${p.values[k]}`] : [])),
  ]
  return `${lines.join('\n')}\n`
}
