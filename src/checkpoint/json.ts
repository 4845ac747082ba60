/**
 * JSON values that survive JSON.stringify then JSON.parse unchanged. JSON.stringify alone is
 * lossy without a word: NaN and ±Infinity become null, -0 becomes 0, undefined fields vanish,
 * and a Date turns into a string. A training state must resume bit for bit, so those throw.
 */
import { isWellFormed } from './safetensors/format.js'

/** A JSON value. */
export type Json = null | boolean | number | string | readonly Json[] | JsonObject

/** A JSON object. */
export interface JsonObject {
  readonly [key: string]: Json
}

/** Throws, naming the path (e.g. `meta.rng[2]`), unless `value` is JSON that round-trips exactly. */
export const assertExactJson = (value: unknown, path: string): void => check(value, path, new Set())

// `ancestors` holds the objects on the path to `value`: a repeat there is a cycle, a repeat elsewhere is fine.
const check = (value: unknown, path: string, ancestors: Set<object>): void => {
  const fail = (why: string): never => {
    throw new TypeError(`${path}: ${why}, which JSON cannot carry exactly`)
  }
  if (value === null || typeof value === 'boolean') return
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(`${value}`)
    if (Object.is(value, -0)) fail('-0')
    return
  }
  if (typeof value === 'string') {
    if (!isWellFormed(value)) fail('a string with a lone surrogate')
    return
  }
  if (typeof value !== 'object') return fail(value === undefined ? 'undefined' : `a ${typeof value}`)
  if (ancestors.has(value)) fail('a cycle')
  ancestors.add(value)
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) fail(`a hole at [${i}]`)
      check(value[i], `${path}[${i}]`, ancestors)
    }
  } else {
    const proto: unknown = Object.getPrototypeOf(value)
    if (proto !== Object.prototype && proto !== null) {
      const { constructor } = value as { readonly constructor?: { readonly name?: string } }
      fail(`an instance of ${constructor?.name ?? 'another prototype'}`)
    }
    if (Object.getOwnPropertySymbols(value).length > 0) fail('symbol keys')
    for (const [k, v] of Object.entries(value)) {
      if (!isWellFormed(k)) fail(`a key with a lone surrogate`)
      check(v, `${path}.${k}`, ancestors)
    }
  }
  ancestors.delete(value)
}
