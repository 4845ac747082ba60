/**
 * A spec composed in TypeScript: the iris pipeline with its hidden width taken from the
 * environment variable IRIS_UNITS (16 when unset), so a shell loop can sweep it:
 *   for u in 4 8 16 32; do IRIS_UNITS=$u npx tsx src/cli.ts train pipelines/iris-sweep.ts --quiet; done
 */
import { readFileSync } from 'node:fs'

const base = JSON.parse(readFileSync(new URL('./iris.json', import.meta.url), 'utf8'))
const units = Number(process.env.IRIS_UNITS ?? 16)

export default {
  ...base,
  model: { ...base.model, layers: [{ type: 'dense', units }, ...base.model.layers.slice(1)] },
}
