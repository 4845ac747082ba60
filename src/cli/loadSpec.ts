/**
 * Reading a spec: a JSON file decoded and checked, or a TypeScript/JavaScript module whose default
 * export (or `spec` export) is the same structure, for programmatic composition and sweeps.
 * Problems become one line each, prefixed with the file name (exit 2); an unreadable file names
 * the file (exit 1).
 */
import { basename, dirname, extname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { checkSpec } from '../spec/check.js'
import { formatErrors } from '../spec/format.js'
import { parseSpec } from '../spec/parse.js'
import { Spec } from '../spec/spec.js'
import { BadRequest, RunFailure } from './failure.js'
import { readText } from './files.js'

/** A decoded spec with the folder its relative paths resolve against. */
export interface LoadedSpec {
  readonly spec: Spec
  readonly file: string
  readonly dir: string
}

const moduleExtensions = new Set(['.ts', '.mts', '.js', '.mjs'])

type SpecModule = { default?: unknown; spec?: unknown }

/** Imports a spec module; a TypeScript one under plain node (the installed bin) goes through tsx's loader. */
const importModule = async (file: string): Promise<SpecModule> => {
  const url = pathToFileURL(file).href
  try {
    return (await import(url)) as SpecModule
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e
    const { register } = await import('tsx/esm/api')
    register()
    // A failed import stays cached under its URL, so the retry asks for a fresh one.
    return (await import(`${url}?loader=tsx`)) as SpecModule
  }
}

/** A structure checked as a spec, or the problem lines prefixed with `name`. */
export const checkStructure = (value: unknown, name: string): Spec => {
  const decoded = Spec.decode(value)
  if (E.isLeft(decoded)) throw new BadRequest(formatErrors(decoded.left).map((l) => `${name}: ${l}`))
  const problems = checkSpec(decoded.right)
  if (problems.length > 0) throw new BadRequest(problems.map((l) => `${name}: ${l}`))
  return decoded.right
}

/** The spec at `path` (resolved against `cwd`). */
export const loadSpec = async (path: string, cwd: string): Promise<LoadedSpec> => {
  const file = resolve(cwd, path)
  const name = basename(file)
  if (moduleExtensions.has(extname(file))) {
    let mod: { default?: unknown; spec?: unknown }
    try {
      mod = await importModule(file)
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      throw new RunFailure(code === 'ERR_MODULE_NOT_FOUND' ? `cannot read ${file}: no such file or directory` : `cannot load ${file}: ${(e as Error).message.split('\n')[0]}`)
    }
    const value = mod.default ?? mod.spec
    if (value === undefined) throw new BadRequest([`${name}: the module exports no spec (export default {...} or export const spec = {...})`])
    return { spec: checkStructure(value, name), file, dir: dirname(file) }
  }
  const parsed = parseSpec(readText(file), name)
  if (E.isLeft(parsed)) throw new BadRequest(parsed.left.map((l) => `${name}: ${l}`))
  return { spec: parsed.right, file, dir: dirname(file) }
}
