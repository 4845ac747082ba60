/**
 * Finds the fused fast path under src/fast/ when the checkout has one (it is being written on
 * another branch). What is expected: a module exporting a function whose name ends in `Step`,
 * which takes the training loop's StepConfig and returns the OperatorFunction<Minibatch, Stepped>
 * that `train`'s `step` option accepts — the pipeline's own hook for a replacement step. Anything
 * else is reported with the exports found, so the one adapter line here can follow the real API.
 */
import { existsSync, readdirSync } from 'node:fs'
import type { OperatorFunction } from 'rxjs'
import type { Minibatch, Stepped } from '../../src/pipeline/records.js'
import type { StepConfig } from '../../src/pipeline/train.js'

/** A step builder for `train`. */
export type StepBuilder = (config: StepConfig) => OperatorFunction<Minibatch, Stepped>

/** The fast step and where it came from, or why there is none. */
export type FastProbe = { readonly ok: true; readonly from: string; readonly build: StepBuilder } | { readonly ok: false; readonly reason: string }

const folder = new URL('../../src/fast/', import.meta.url)

/** Looks for the fast step; `config` is tried on each candidate so a builder that refuses the model is skipped. */
export const probeFast = async (config: StepConfig): Promise<FastProbe> => {
  if (!existsSync(folder)) return { ok: false, reason: 'src/fast/ does not exist in this checkout' }
  const modules = readdirSync(folder).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
  const seen: string[] = []
  for (const file of modules) {
    let exports: Record<string, unknown>
    try {
      exports = (await import(new URL(file, folder).href)) as Record<string, unknown>
    } catch (e) {
      seen.push(`${file} (import failed: ${e instanceof Error ? e.message : String(e)})`)
      continue
    }
    seen.push(`${file}: ${Object.keys(exports).join(', ') || 'no exports'}`)
    for (const [name, value] of Object.entries(exports)) {
      if (!/Step$/.test(name) || typeof value !== 'function') continue
      try {
        const build = value as StepBuilder
        if (typeof build(config) === 'function') return { ok: true, from: `src/fast/${file} ${name}`, build }
      } catch {
        // Not a step builder for this model; keep looking.
      }
    }
  }
  return { ok: false, reason: `no export named *Step taking a StepConfig in src/fast/ (${seen.join('; ') || 'no modules'})` }
}
