/**
 * Running the lecture: each example computes its numbers and its picture, written as NAME.json
 * (pretty, numbers to six significant digits) and NAME.svg. The CLI's `lecture` command calls
 * `runLecture` and `listLecture`; it owns the console, so progress goes to a callback.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type LectureName, lecture } from './registry.js'

/** Options of `runLecture`. */
export interface LectureOptions {
  /** Called with one line as each example starts and ends. */
  readonly onProgress?: (line: string) => void
}

/** What one example wrote, and how long it took. */
export interface LectureOutput {
  readonly name: LectureName
  readonly svg: string
  readonly json: string
  readonly seconds: number
}

/** Every example's name with its one-line summary, in lecture order. */
export const listLecture = (): { name: LectureName; summary: string }[] =>
  (Object.keys(lecture) as LectureName[]).map((name) => ({ name, summary: lecture[name].summary }))

const isName = (name: string): name is LectureName => Object.hasOwn(lecture, name)

/** Six significant digits: more would be float32 noise, and the files are read by people and diffs. */
const rounded = (_key: string, value: unknown): unknown =>
  typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value) ? Number(value.toPrecision(6)) : value

/**
 * Runs the named examples (all of them when `names` is empty) in lecture order, writing
 * `outDir/NAME.svg` and `outDir/NAME.json`. Unknown names are an error before anything runs.
 */
export const runLecture = async (names: readonly string[], outDir: string, { onProgress }: LectureOptions = {}): Promise<LectureOutput[]> => {
  const unknown = names.filter((n) => !isName(n))
  if (unknown.length > 0) {
    throw new RangeError(`lecture: unknown example${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; known: ${Object.keys(lecture).join(', ')}`)
  }
  const chosen = listLecture()
    .map((e) => e.name)
    .filter((n) => names.length === 0 || names.includes(n))
  await mkdir(outDir, { recursive: true })
  const outputs: LectureOutput[] = []
  for (const [i, name] of chosen.entries()) {
    onProgress?.(`[${i + 1}/${chosen.length}] ${name}: ${lecture[name].summary}`)
    const started = performance.now()
    const { json, svg } = await lecture[name].run()
    const paths = { svg: join(outDir, `${name}.svg`), json: join(outDir, `${name}.json`) }
    await writeFile(paths.svg, svg)
    await writeFile(paths.json, `${JSON.stringify(json, rounded, 2)}\n`)
    const seconds = (performance.now() - started) / 1000
    onProgress?.(`[${i + 1}/${chosen.length}] ${name}: wrote ${paths.svg} and ${paths.json} in ${seconds.toFixed(1)} s`)
    outputs.push({ name, ...paths, seconds })
  }
  return outputs
}
