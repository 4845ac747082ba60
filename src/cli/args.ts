/** Command-line arguments: each command declares its options; node:util's parseArgs reads them strictly. */
import { parseArgs } from 'node:util'
import { BadRequest } from './failure.js'
import type { Io } from './io.js'

/** One option a command accepts. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean'
  readonly short?: string
  /** Shown in --help, e.g. `FILE` or `N`. */
  readonly value?: string
  readonly help: string
}

/** The options of a command by name (without the leading --). */
export type Options = Readonly<Record<string, OptionSpec>>

/** Parsed arguments: positionals in order, option values by name. */
export interface Parsed {
  readonly positionals: readonly string[]
  readonly values: Readonly<Record<string, string | boolean | undefined>>
}

/** Parses argv for a command, turning unknown options or missing values into BadRequest (exit 2). */
export const parse = (command: string, argv: readonly string[], options: Options): Parsed => {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: Object.fromEntries(
        Object.entries(options).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}) }]),
      ),
      allowPositionals: true,
      strict: true,
    })
    return { positionals, values: values as Parsed['values'] }
  } catch (e) {
    throw new BadRequest([`${command}: ${(e as Error).message.split('\n')[0]} (see streamprop ${command} --help)`])
  }
}

/** A string option's value, or undefined. */
export const stringOption = (p: Parsed, name: string): string | undefined => {
  const v = p.values[name]
  return typeof v === 'string' ? v : undefined
}

/** A positive integer option (`--checkpoint-every 100`), or undefined; anything else is a BadRequest. */
export const positiveIntOption = (command: string, p: Parsed, name: string): number | undefined => {
  const v = stringOption(p, name)
  if (v === undefined) return undefined
  const n = Number(v)
  if (!Number.isSafeInteger(n) || n <= 0) throw new BadRequest([`${command}: --${name} expects a positive integer, got ${JSON.stringify(v)}`])
  return n
}

/** Usage text: a synopsis line, a sentence, and one line per option. */
export const usage = (synopsis: string, summary: string, options: Options): string => {
  const rows = Object.entries(options).map(([name, o]) => [`  --${name}${o.value ? ` ${o.value}` : ''}${o.short ? `, -${o.short}` : ''}`, o.help])
  const width = Math.max(0, ...rows.map(([l]) => l.length)) + 2
  return [`usage: ${synopsis}`, '', summary, ...(rows.length > 0 ? ['', 'options:', ...rows.map(([l, h]) => l.padEnd(width) + h)] : []), ''].join('\n')
}

/** What a command declares: its synopsis, a sentence, its options, and what it does with parsed arguments. */
export interface CommandSpec {
  readonly name: string
  readonly summary: string
  readonly synopsis: string
  readonly description: string
  readonly options: Options
  readonly run: (p: Parsed, io: Io) => Promise<number>
}

/** A runnable command: `--help` (and `-h`) print its usage; anything else is parsed strictly and run. */
export const command = (spec: CommandSpec) => {
  const options: Options = { ...spec.options, help: { type: 'boolean', short: 'h', help: 'show this help' } }
  const help = usage(spec.synopsis, spec.description, options)
  return {
    name: spec.name,
    summary: spec.summary,
    help,
    run: async (argv: readonly string[], io: Io): Promise<number> => {
      const p = parse(spec.name, argv, options)
      if (p.values.help === true) {
        io.stdout.write(help)
        return 0
      }
      return spec.run(p, io)
    },
  }
}
