/** The machine line: CPU, cores, node, torch (and the BLAS it runs on), load average at start and end. */
import { readFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { runChild } from './child.js'

/** What torch reports about itself, or why it could not. */
export type TorchInfo = { readonly version: string; readonly blas: readonly string[]; readonly gflops: number } | { readonly missing: string }

/** The CPU model from /proc/cpuinfo (os.cpus() where that is unreadable). */
export const cpuModel = (): string => {
  try {
    return /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown CPU'
  } catch {
    return cpus()[0]?.model ?? 'unknown CPU'
  }
}

/** The 1-, 5- and 15-minute load averages, as text. */
export const loadText = (): string => loadavg().map((l) => l.toFixed(2)).join(' ')

/** torch's version, the BLAS library it loaded, and its single-thread GFLOP/s on W3's first layer. */
export const torchInfo = (root: string): TorchInfo => {
  const out = runChild({ command: '/usr/bin/python3', args: ['bench/contenders/torch_info.py'] }, root, 60_000)
  if (out.code !== 0) return { missing: out.stderr.trim().split('\n').pop() ?? `exit ${out.code}` }
  try {
    return JSON.parse(out.stdout.trim().split('\n').pop() ?? '') as TorchInfo
  } catch {
    return { missing: `unreadable output ${JSON.stringify(out.stdout.slice(0, 100))}` }
  }
}

/** One line describing torch for the machine line. */
export const torchText = (t: TorchInfo): string =>
  'missing' in t
    ? `torch: not available (${t.missing})`
    : `torch ${t.version} (1 thread; BLAS ${t.blas.map((p) => p.split('/').slice(-2).join('/')).join(', ') || 'built in'}, ${t.gflops.toFixed(1)} GFLOP/s on a 128×784 · 784×256 matmul)`

/** The machine line, with the load averages seen at the start and at the end of the run. */
export const machineLine = (torch: TorchInfo, loadAtStart: string, loadAtEnd: string): string =>
  `${cpuModel()}, ${cpus().length} cores, node ${process.version}, ${torchText(torch)}, load average ${loadAtStart} at start, ${loadAtEnd} at end`

/** Caveats the machine itself calls for: a shared (loaded) machine, and torch on a slow BLAS. */
export const machineNotes = (torch: TorchInfo, loadAtStart: string, loadAtEnd: string): string[] => {
  const cores = cpus().length
  const busiest = Math.max(Number(loadAtStart.split(' ')[0]), Number(loadAtEnd.split(' ')[0]))
  const notes: string[] = []
  if (busiest > cores / 2) {
    notes.push(
      `The machine was shared: a 1-minute load average of up to ${busiest.toFixed(1)} on ${cores} cores. The rounds interleave the contenders so they share the slowdown, but absolute rates are lower, and spreads wider, than on an idle machine.`,
    )
  }
  if (!('missing' in torch) && torch.gflops < 10) {
    notes.push(
      `PyTorch multiplies W3's first-layer shape at ${torch.gflops.toFixed(1)} GFLOP/s here, on ${torch.blas.join(', ') || 'its built-in BLAS'}; with an optimized BLAS (OpenBLAS, MKL) one core does an order of magnitude more, so ratios to PyTorch on W3 flatter the other contenders.`,
    )
  }
  return notes
}
