/** `streamprop lecture [NAME...] [--out DIR] [--list]`: the lecture's examples, each a picture and its numbers. */
import { resolve } from 'node:path'
import { type Options, command, stringOption } from './args.js'
import { BadRequest } from './failure.js'
import { listLecture, runLecture } from './lecture/run.js'

const options: Options = {
  out: { type: 'string', value: 'DIR', help: 'where NAME.svg and NAME.json go (default out/lecture)' },
  list: { type: 'boolean', help: 'name the examples, one line each' },
  quiet: { type: 'boolean', short: 'q', help: 'no progress lines' },
}

/** The `lecture` command. */
export const lectureCommand = command({
  name: 'lecture',
  summary: 'run the lecture’s examples: pictures and numbers',
  synopsis: 'streamprop lecture [NAME...] [--out DIR] [--list]',
  description: 'Each NAME writes DIR/NAME.svg (a picture) and DIR/NAME.json (the numbers behind it); no NAME runs them all.',
  options,
  run: async (p, io) => {
    const known = listLecture()
    if (p.values.list === true) {
      const width = Math.max(...known.map((e) => e.name.length))
      io.stdout.write(known.map((e) => `${e.name.padEnd(width)}  ${e.summary}\n`).join(''))
      return 0
    }
    const unknown = p.positionals.filter((n) => !known.some((e) => e.name === n))
    if (unknown.length > 0) throw new BadRequest([`lecture: unknown example ${unknown.join(', ')}; see streamprop lecture --list`])
    const dir = resolve(io.cwd, stringOption(p, 'out') ?? 'out/lecture')
    const quiet = p.values.quiet === true
    const outputs = await runLecture(p.positionals, dir, { onProgress: (line) => quiet || io.stderr.write(`${line}\n`) })
    if (!quiet) io.stdout.write(`wrote ${outputs.length * 2} files to ${dir}\n`)
    return 0
  },
})
