/** Running one contender process to completion and keeping what it printed. */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** A command line. */
export interface ChildCommand {
  readonly command: string
  readonly args: readonly string[]
}

/** What a finished child left behind. */
export interface ChildOutput {
  readonly stdout: string
  readonly stderr: string
  /** Exit code, or null when a signal ended it (the timeout included). */
  readonly code: number | null
  /** Wall-clock milliseconds from spawn to exit, start-up included. */
  readonly ms: number
}

/**
 * Debian's OpenBLAS 0.3.21 does not recognise this CPU generation and falls back to its generic
 * kernels (about 16 GFLOP/s instead of about 100 here); on a CPU with AVX-512 we name the newest
 * core it knows, so PyTorch is measured at its best. A value the caller set wins.
 */
const openblasCore = (): Record<string, string> => {
  if (process.env.OPENBLAS_CORETYPE !== undefined) return {}
  let flags = ''
  try {
    flags = readFileSync('/proc/cpuinfo', 'utf8')
  } catch {
    return {}
  }
  return /\bavx512f\b/.test(flags) ? { OPENBLAS_CORETYPE: 'SkylakeX' } : {}
}

/** Runs `c` in `cwd` and waits for it; a child still running after `timeoutMs` is killed. */
export const runChild = (c: ChildCommand, cwd: string, timeoutMs = 600_000): ChildOutput => {
  const started = process.hrtime.bigint()
  // One thread everywhere: OpenBLAS (under torch) and OpenMP would otherwise use both cores.
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1', ...openblasCore() }
  const r = spawnSync(c.command, [...c.args], { cwd, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  const failed = r.error === undefined ? '' : `\n${r.error.message}`
  return { stdout: r.stdout ?? '', stderr: `${r.stderr ?? ''}${failed}`, code: r.status, ms }
}

/** The last few lines of a child's stderr, for an error message. */
export const stderrTail = (o: ChildOutput, lines = 3): string =>
  o.stderr
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(-lines)
    .join(' | ')

/** Node running a TypeScript file through tsx (how the contender children are started). */
export const tsxCommand = (script: string, args: readonly string[]): ChildCommand => ({
  command: process.execPath,
  args: ['--import', 'tsx', script, ...args],
})
