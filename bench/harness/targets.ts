/** The project's performance targets, checked against one run of the benchmark. */
import type { WorkloadId } from '../workloads.js'
import { type Summary, ratioToTorch } from './summary.js'
import { megabytes, percent, times } from './table.js'

/** One target: what is needed, what was measured, whether it is met (null: not measured). */
export interface TargetRow {
  readonly target: string
  readonly needed: string
  readonly measured: string
  readonly met: boolean | null
}

/** What the targets are checked against besides the contenders' summaries. */
export interface Extras {
  /** Median start-up in ms, or null when not measured. */
  readonly startupMs: number | null
}

const find = (all: readonly Summary[], w: WorkloadId, id: string): Summary | undefined =>
  all.find((s) => s.workload === w && s.contender.id === id && s.rates.length > 0)

const ratioRow = (all: readonly Summary[], w: WorkloadId, needed: number): TargetRow => {
  const s = find(all, w, 'streamprop')
  const r = s === undefined ? null : ratioToTorch(s, all)
  return { target: `${w}: streamprop CLI events/s over PyTorch's, end to end`, needed: `≥ ${needed}×`, measured: times(r), met: r === null ? null : r >= needed }
}

/** The target rows for the summaries at hand (rows whose workload did not run are left out). */
export const targetRows = (all: readonly Summary[], extras: Extras): TargetRow[] => {
  const ran = (w: WorkloadId) => all.some((s) => s.workload === w)
  const rows: TargetRow[] = []
  if (ran('W1')) rows.push(ratioRow(all, 'W1', 25))
  if (ran('W2')) rows.push(ratioRow(all, 'W2', 3))
  if (ran('W3')) {
    rows.push(ratioRow(all, 'W3', 1))
    const [sp, torch] = [find(all, 'W3', 'streamprop'), find(all, 'W3', 'torch')]
    const gap = sp?.accuracy != null && torch?.accuracy != null ? Math.abs(sp.accuracy - torch.accuracy) : null
    rows.push({
      target: 'W3: test accuracy, streamprop CLI vs PyTorch',
      needed: 'within 0.5 points',
      measured: gap === null ? 'not measured (time-boxed runs)' : `${percent(sp?.accuracy ?? null)} vs ${percent(torch?.accuracy ?? null)}`,
      met: gap === null ? null : gap <= 0.005,
    })
    const steps = ['streamprop-step', 'streamprop-step-wasm', 'streamprop-fast'].flatMap((id) => {
      const s = find(all, 'W3', id)
      const r = s === undefined ? null : ratioToTorch(s, all)
      return s === undefined || r === null ? [] : [{ label: s.contender.label, r }]
    })
    const best = steps.reduce<{ label: string; r: number } | null>((b, s) => (b === null || s.r > b.r ? s : b), null)
    rows.push({
      target: 'W3: training step alone on in-memory data, best streamprop path over PyTorch',
      needed: '≥ 0.6×',
      measured: steps.length === 0 ? '–' : steps.map((s) => `${s.label} ${times(s.r)}`).join('; '),
      met: best === null ? null : best.r >= 0.6,
    })
    const rss = find(all, 'W3', 'streamprop')?.maxRssKb ?? null
    rows.push({ target: 'W3: peak RSS of streamprop train (largest over the runs)', needed: '< 150 MB', measured: megabytes(rss), met: rss === null ? null : rss < 150 * 1024 })
  }
  if (extras.startupMs !== null) {
    rows.push({
      target: 'start-up: node dist/bin/cli.js train on 10 events, median wall time',
      needed: '< 0.5 s',
      measured: `${(extras.startupMs / 1000).toFixed(3)} s`,
      met: extras.startupMs < 500,
    })
  }
  return rows
}
