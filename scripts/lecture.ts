/**
 * Writes the whole lecture (every example's NAME.svg and NAME.json) into fixtures/lecture, the
 * pictures the README embeds:
 *   npx tsx scripts/lecture.ts
 */
import { runLecture } from '../src/cli/lecture/run.js'

const started = performance.now()
await runLecture([], 'fixtures/lecture', { onProgress: (line) => console.log(line) })
console.log(`lecture: ${((performance.now() - started) / 1000).toFixed(1)} s`)
