/**
 * The folder of streamprop's package.json, found by walking up from this module: the same answer
 * from the sources (src/), the compiled library (dist/) and the bundled command (dist/bin/).
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

let found: string | undefined

/** The package root as a path. */
export const packageRoot = (): string => {
  if (found !== undefined) return found
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const candidate = join(dir, 'package.json')
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'streamprop') return (found = dir)
    const up = dirname(dir)
    if (up === dir) throw new Error(`packageRoot: no streamprop package.json above ${fileURLToPath(import.meta.url)}`)
    dir = up
  }
}

/** A path inside the package root as a file URL ending in `/` for folders. */
export const packageUrl = (path: string): URL => pathToFileURL(join(packageRoot(), path) + (path.endsWith('/') ? '/' : ''))
