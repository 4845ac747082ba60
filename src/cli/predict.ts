/**
 * `streamprop predict <spec> --checkpoint FILE [--input FILE]`: one line `{"y": [...]}` per input
 * line, in order, the model's last layer's output; an invalid line gives `{"error": "..."}` in its
 * place. Files are predicted in batches; stdin line by line, so answers come as lines arrive.
 */
import { resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { bufferCount, lastValueFrom, map, tap } from 'rxjs'
import { decodeInput } from '../spec/input.js'
import { netOf } from '../spec/build.js'
import { key } from '../tensor/random.js'
import { tensor } from '../tensor/tensor.js'
import { lines } from '../sources/lines.js'
import { readableLines } from '../sources/readable.js'
import { type Options, command, stringOption } from './args.js'
import { readParams, shapesOf } from './checkpoints.js'
import { BadRequest } from './failure.js'
import { float32Json } from './format.js'
import { loadSpec } from './loadSpec.js'

const options: Options = {
  checkpoint: { type: 'string', value: 'FILE', help: 'the parameters to predict with (safetensors, as train --out writes)' },
  input: { type: 'string', value: 'FILE', help: 'event lines to predict for (JSONL; y is optional and ignored); stdin without it' },
}

/** The `predict` command. */
export const predictCommand = command({
  name: 'predict',
  summary: 'predict with a checkpoint, one output line per input line',
  synopsis: 'streamprop predict <spec.json> --checkpoint FILE [--input FILE]',
  description: 'Prints {"y": [...]} per input line, in order, or {"error": "..."} for a line that is not a valid input.',
  options,
  run: async (p, io) => {
    const checkpoint = stringOption(p, 'checkpoint')
    if (p.positionals.length !== 1 || checkpoint === undefined) {
      throw new BadRequest(['predict: expected a spec file and --checkpoint FILE (see streamprop predict --help)'])
    }
    const { spec } = await loadSpec(p.positionals[0], io.cwd)
    const net = netOf(spec)
    const params = readParams(resolve(io.cwd, checkpoint), shapesOf(net.init(key(0))))
    const input = stringOption(p, 'input')
    const records = input === undefined ? readableLines(io.stdin, 'stdin') : lines(resolve(io.cwd, input))
    const inputs = spec.model.inputs
    await lastValueFrom(
      records.pipe(
        map((r) => (r.value.trim() === '' ? E.left('blank line') : decodeInput(r.value, inputs))),
        bufferCount(input === undefined ? 1 : 256),
        tap((group) => {
          const valid = group.filter(E.isRight).map((e) => e.right)
          const x = new Float32Array(valid.length * inputs)
          valid.forEach((v, i) => x.set(v, i * inputs))
          const yhat = valid.length === 0 ? null : net.predict(tensor([valid.length, inputs], x), params)
          const width = yhat === null ? 0 : yhat.shape[1]
          let k = 0
          const out = group.map((e) => {
            if (E.isLeft(e)) return JSON.stringify({ error: e.left })
            const row = (yhat as NonNullable<typeof yhat>).data.subarray(k * width, (k + 1) * width)
            k++
            return `{"y":${float32Json(row)}}`
          })
          io.stdout.write(`${out.join('\n')}\n`)
        }),
      ),
      { defaultValue: null },
    )
    return 0
  },
})
