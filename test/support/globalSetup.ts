/** Runs once before the tests: writes the pipelines' data files if they are missing (as `npm ci` does). */
import { execFileSync } from 'node:child_process'

/** vitest's global setup hook. */
export default function setup(): void {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/prepare-data.ts'], { stdio: 'inherit' })
}
