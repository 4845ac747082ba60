/** Temporary files for source tests: one folder per test file, removed by `cleanup`. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A fresh temporary folder with a helper to write files into it. */
export const tempFolder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'streamprop-sources-'))
  let count = 0
  return {
    dir,
    /** Writes `contents` to a new file in the folder and returns its absolute path. */
    file: (contents: string | Uint8Array, name = `file${count++}.txt`): string => {
      const path = join(dir, name)
      writeFileSync(path, contents)
      return path
    },
    cleanup: (): void => rmSync(dir, { recursive: true, force: true }),
  }
}
