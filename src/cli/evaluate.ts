/** `streamprop eval <spec> --checkpoint FILE [--input FILE]`: metrics of a checkpoint on a labelled source. */
import { resolve } from 'node:path'
import { evaluateBatches } from '../pipeline/evaluate.js'
import { netOf } from '../spec/build.js'
import { eventShape } from '../spec/widths.js'
import { key } from '../tensor/random.js'
import { type Options, command, stringOption } from './args.js'
import { readParams, shapesOf } from './checkpoints.js'
import { BadRequest } from './failure.js'
import { loadSpec } from './loadSpec.js'
import { readTestSet } from './train/testSet.js'

const options: Options = {
  checkpoint: { type: 'string', value: 'FILE', help: 'the parameters to evaluate (safetensors)' },
  input: { type: 'string', value: 'FILE', help: 'labelled events (JSONL); the spec’s data.test without it' },
}

/** The `eval` command. */
export const evalCommand = command({
  name: 'eval',
  summary: 'loss (and accuracy) of a checkpoint on a labelled source',
  synopsis: 'streamprop eval <spec.json> --checkpoint FILE [--input FILE]',
  description: 'Prints one JSON object: examples, loss (the spec’s cost), accuracy for classifiers, and the counts of lines read.',
  options,
  run: async (p, io) => {
    const checkpoint = stringOption(p, 'checkpoint')
    if (p.positionals.length !== 1 || checkpoint === undefined) {
      throw new BadRequest(['eval: expected a spec file and --checkpoint FILE (see streamprop eval --help)'])
    }
    const { spec, dir } = await loadSpec(p.positionals[0], io.cwd)
    const input = stringOption(p, 'input')
    const source = input === undefined ? spec.data.test : ({ type: 'jsonl', path: resolve(io.cwd, input) } as const)
    if (source === undefined) throw new BadRequest(['eval: the spec has no data.test; give --input FILE'])
    const net = netOf(spec)
    const params = readParams(resolve(io.cwd, checkpoint), shapesOf(net.init(key(0))))
    const { batches, tally } = await readTestSet(source, dir, io, eventShape(spec))
    const e = evaluateBatches(net, params, batches)
    const result = {
      examples: e.examples,
      loss: e.examples === 0 ? null : e.loss,
      ...(e.accuracy === null ? {} : { accuracy: e.accuracy }),
      events: tally.events,
      deadLettered: tally.deadLettered,
      skipped: tally.skipped,
    }
    io.stdout.write(`${JSON.stringify(result)}\n`)
    return 0
  },
})
