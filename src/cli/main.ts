/** The command table and dispatch: `streamprop <command> [args]`, `--help`, `--version`. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { packageRoot } from '../tensor/packageRoot.js'
import { BadRequest, describeFailure } from './failure.js'
import type { Io } from './io.js'

/** A subcommand: its help text and what it runs (resolving to an exit code). */
export interface Command {
  readonly name: string
  readonly summary: string
  readonly help: string
  readonly run: (argv: readonly string[], io: Io) => Promise<number>
}

/** A command's name and summary, and how to load it (only the command that runs is loaded, for a quick start). */
interface Entry {
  readonly name: string
  readonly summary: string
  readonly load: () => Promise<Command>
}

/** Every command, in the order `--help` lists them. */
export const commands: readonly Entry[] = [
  { name: 'train', summary: 'train a spec’s model on its data', load: async () => (await import('./train.js')).trainCommand },
  { name: 'predict', summary: 'predict with a checkpoint, one output line per input line', load: async () => (await import('./predict.js')).predictCommand },
  { name: 'eval', summary: 'loss (and accuracy) of a checkpoint on a labelled source', load: async () => (await import('./evaluate.js')).evalCommand },
  { name: 'inspect', summary: 'layers, output shapes and parameter counts; --graph for DOT', load: async () => (await import('./inspect.js')).inspectCommand },
  { name: 'gradcheck', summary: 'symbolic vs finite-difference gradients on a random batch', load: async () => (await import('./gradcheck.js')).gradcheckCommand },
  { name: 'lecture', summary: 'run the lecture’s examples: pictures and numbers', load: async () => (await import('./lectureCommand.js')).lectureCommand },
]

const version = (): string => {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }
  return pkg.version
}

const overview = (): string =>
  [
    'usage: streamprop <command> [options]',
    '',
    'Trains feedforward neural networks on streams, from a JSON spec.',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(10)}${c.summary}`),
    '',
    'streamprop <command> --help shows a command’s options.',
    '',
  ].join('\n')

/** Runs argv and resolves to the exit code; failures are printed as one line each, no stack traces. */
export const main = async (argv: readonly string[], io: Io): Promise<number> => {
  try {
    const [name, ...rest] = argv
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.stdout.write(overview())
      return name === undefined ? 2 : 0
    }
    if (name === '--version' || name === '-v') {
      io.stdout.write(`${version()}\n`)
      return 0
    }
    const command = commands.find((c) => c.name === name)
    if (command === undefined) throw new BadRequest([`unknown command ${JSON.stringify(name)}; the commands are ${commands.map((c) => c.name).join(', ')}`])
    return await (await command.load()).run(rest, io)
  } catch (error) {
    const { code, lines } = describeFailure(error)
    for (const line of lines) io.stderr.write(`${line}\n`)
    return code
  }
}
