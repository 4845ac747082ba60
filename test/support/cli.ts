/** Runs the CLI in-process with captured output, so command tests take milliseconds, not a process start each. */
import fs from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import type { Io } from '../../src/cli/io.js'
import { main } from '../../src/cli/main.js'

/** What a run printed and its exit code. */
export interface CliResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs `streamprop ...argv` in `cwd` with `stdin` text. */
export const runCli = async (argv: readonly string[], { cwd = process.cwd(), stdin = '' }: { cwd?: string; stdin?: string } = {}): Promise<CliResult> => {
  let stdout = ''
  let stderr = ''
  let t = 0
  const io: Io = {
    stdout: { write: (s) => void (stdout += s), isTTY: false },
    stderr: { write: (s) => void (stderr += s), isTTY: false },
    stdin: Readable.from([stdin]),
    cwd,
    now: () => (t += 1),
  }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}

/** A fresh temporary folder holding `files` (name → text). */
export const tempDir = (files: Readonly<Record<string, string>> = {}): string => {
  const dir = fs.mkdtempSync(join(os.tmpdir(), 'streamprop-'))
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(join(dir, name), text)
  return dir
}

/** The JSON values of a JSONL file. */
export const readJsonl = (path: string): unknown[] =>
  fs
    .readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as unknown)
