/**
 * The bench data folder (out/bench, ignored by git): the W1/W2 event stream, the digits splits,
 * a 10-event file for start-up timing, each workload's spec, and its initial parameters drawn by
 * streamprop for the spec's seed. Data files are written only when missing or made by another
 * version of the generators (a stamp file records which); specs and parameters every time.
 */
import fs from 'node:fs'
import { join } from 'node:path'
import { encodeSafetensors } from '../../src/checkpoint/safetensors/encode.js'
import { netOf } from '../../src/spec/build.js'
import type { Spec } from '../../src/spec/spec.js'
import { digitEvent, digits } from '../../src/sources/datasets/digits.js'
import { key } from '../../src/tensor/random.js'
import { type WorkloadId, files, regressionEvents, workloadIds, workloads } from '../workloads.js'
import { regressionLines } from './regression.js'

// Bump when a generator changes, so stale files are rewritten.
const dataVersion = `v1 regression ${regressionEvents}`

/** Where one workload's files are. */
export interface WorkloadFiles {
  readonly spec: string
  /**
   * The spec without its test source, for CLI runs cut short by --max-steps: the CLI evaluates
   * on the test set when its stream ends, which a time-boxed run of the other contenders skips.
   */
  readonly boxedSpec: string
  readonly init: string
}

/** Paths of everything the harness runs on. */
export interface BenchData {
  readonly dir: string
  readonly workloads: { readonly [W in WorkloadId]: WorkloadFiles }
  /** A W1 spec on a 10-event file (start-up timing). */
  readonly tinySpec: string
  /** The W1/W2 events as lines (for loading into brokers). */
  readonly regressionFile: string
}

const writeFile = (path: string, text: string | Uint8Array): void => {
  fs.writeFileSync(`${path}.tmp`, text)
  fs.renameSync(`${path}.tmp`, path)
}

const writeLines = (path: string, lines: readonly string[]): void => writeFile(path, `${lines.join('\n')}\n`)

/** The parameters streamprop's `train` starts from for a spec (its seeded init). */
export const initialParams = (spec: Spec): Uint8Array => encodeSafetensors(netOf(spec).init(key(spec.seed ?? 0)))

/** Writes (or keeps) the data in `dir` and returns the paths; `log` hears what was written. */
export const prepareData = (dir: string, log: (line: string) => void = () => {}): BenchData => {
  fs.mkdirSync(dir, { recursive: true })
  const stamp = join(dir, 'stamp.txt')
  const fresh = fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === dataVersion
  if (!fresh) {
    const started = performance.now()
    const regression = regressionLines(regressionEvents)
    writeLines(join(dir, files.regression), regression)
    writeLines(join(dir, files.tiny), regression.slice(0, 10))
    const d = digits()
    writeLines(join(dir, files.digitsTrain), d.train.map(digitEvent))
    writeLines(join(dir, files.digitsTest), d.test.map(digitEvent))
    writeFile(stamp, dataVersion)
    log(`wrote the bench data into ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
  const paths = Object.fromEntries(
    workloadIds.map((id): [WorkloadId, WorkloadFiles] => {
      const spec = join(dir, `${id}.json`)
      const boxedSpec = join(dir, `${id}.boxed.json`)
      const init = join(dir, `${id}.init.safetensors`)
      const w = workloads[id].spec
      const { test: _, ...untested } = w.data
      writeFile(spec, `${JSON.stringify(w, null, 2)}\n`)
      writeFile(boxedSpec, `${JSON.stringify({ ...w, data: untested }, null, 2)}\n`)
      writeFile(init, initialParams(w))
      return [id, { spec, boxedSpec, init }]
    }),
  ) as { [W in WorkloadId]: WorkloadFiles }
  const tinySpec = join(dir, 'tiny.json')
  const w1 = workloads.W1.spec
  writeFile(tinySpec, `${JSON.stringify({ ...w1, data: { ...w1.data, train: { type: 'jsonl', path: files.tiny } } }, null, 2)}\n`)
  return { dir, workloads: paths, tinySpec, regressionFile: join(dir, files.regression) }
}
