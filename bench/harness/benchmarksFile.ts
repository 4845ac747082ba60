/**
 * BENCHMARKS.md: a hand-written header that stays, and a results section between two markers that
 * each `npm run bench` replaces. A file without the markers gets them appended, header kept.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'

/** The marker lines around the generated section. */
export const markers = { begin: '<!-- bench:results:begin (written by npm run bench; edits here are overwritten) -->', end: '<!-- bench:results:end -->' } as const

/** `text` with the generated section replaced by `results` (appended when there is none). */
export const withResults = (text: string, results: string): string => {
  const section = `${markers.begin}\n${results.trim()}\n${markers.end}`
  const [b, e] = [text.indexOf(markers.begin), text.indexOf(markers.end)]
  if (b === -1 || e === -1 || e < b) return `${text.trimEnd()}\n\n${section}\n`
  return `${text.slice(0, b)}${section}${text.slice(e + markers.end.length)}`
}

/** Rewrites the results section of the file at `path` (created with a bare title when missing). */
export const writeResults = (path: string, results: string): void => {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n'
  writeFileSync(`${path}.tmp`, withResults(text, results))
  renameSync(`${path}.tmp`, path)
}
