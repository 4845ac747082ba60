/**
 * Start-up of the installed bin: wall-clock time of `node dist/bin/cli.js train` on a 10-event file,
 * from spawn to exit, so it is everything a user waits for: node, loading the modules, reading the
 * spec, ten steps and exit. One unmeasured run first puts the files in the page cache.
 */
import { runChild, stderrTail } from '../harness/child.js'

/** Milliseconds of each of `runs` start-ups, or an Error if one failed. */
export const startupTimes = (root: string, tinySpec: string, runs: number): number[] | Error => {
  const command = { command: process.execPath, args: ['dist/bin/cli.js', 'train', tinySpec, '--quiet'] }
  const times: number[] = []
  for (let i = 0; i <= runs; i++) {
    const out = runChild(command, root, 60_000)
    if (out.code !== 0) return new Error(`start-up run: exit ${out.code}: ${stderrTail(out)}`)
    if (i > 0) times.push(out.ms)
  }
  return times
}
