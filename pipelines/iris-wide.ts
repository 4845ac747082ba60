/**
 * A spec composed in TypeScript: the iris pipeline with a wider hidden layer and L2 weight decay,
 * built from the JSON one. A module can compute any part of a spec (a sweep imports `widen` and
 * trains one spec per width).
 */
import { readFileSync } from 'node:fs'

const base = JSON.parse(readFileSync(new URL('./iris.json', import.meta.url), 'utf8'))

/** The iris spec with `units` hidden units. */
export const widen = (units: number) => ({
  ...base,
  model: { ...base.model, layers: [{ type: 'dense', units }, ...base.model.layers.slice(1)] },
  regularization: { l2: 0.001 },
})

export default widen(64)
