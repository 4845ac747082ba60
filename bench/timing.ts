/**
 * Timing helpers for benchmarks on a shared machine: process CPU time, a wait for other
 * processes to go quiet before each round, medians, and the line naming the machine.
 */
import { readFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

// The flag works when set before a new context asks for gc (as in test/sources/memory.test.ts).
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const sleep = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

/** This process's CPU seconds so far (user + system, all its threads), so others' work counts less. */
export const cpuSeconds = (): number => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1e6
}

/** The middle value (the upper one of an even count). */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** Fraction of all CPUs' time spent busy over the next `ms` (from /proc/stat), or 0 where that is unknown. */
const busyFor = (ms: number): number => {
  const sample = (): number[] => {
    try {
      const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
      return [f.reduce((x, y) => x + y, 0), f[3] + f[4]]
    } catch {
      return [0, 0]
    }
  }
  const [t0, i0] = sample()
  sleep(ms)
  const [t1, i1] = sample()
  return t1 > t0 ? 1 - (i1 - i0) / (t1 - t0) : 0
}

/**
 * Waits up to a second for the other processes to idle and says whether they did. CPU time does
 * not see a busy sibling hyperthread, which can halve our speed.
 */
export const awaitQuiet = (): boolean => {
  for (let i = 0; i < 20; i++) if (busyFor(50) < 0.25) return true
  return false
}

/**
 * Collects the garbage of what ran before and lets V8's helper threads finish sweeping it, so
 * process CPU time (which counts those threads) charges a pass only for its own garbage.
 */
export const settle = (): void => {
  gc()
  sleep(30)
}

/** `machine: <cpu>, <n> cpus, node <version>, load average <1 min>`. */
export const machineLine = (): string => {
  let cpu = cpus()[0]?.model ?? 'unknown cpu'
  try {
    cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? cpu
  } catch {
    // not Linux: os.cpus() named it
  }
  return `machine: ${cpu}, ${cpus().length} cpus, node ${process.version}, load average ${loadavg()[0].toFixed(2)}`
}
