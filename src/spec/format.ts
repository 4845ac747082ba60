/** Turns io-ts errors into the contract's lines: `model.layers[1].units: expected a positive integer, got -3`. */
import * as t from 'io-ts'
import { show } from './show.js'

const plainKey = /^[A-Za-z_$][\w$-]*$/

/** The path of a context, `model.layers[1].units`; array indices in brackets, odd keys quoted. */
export const pathOf = (context: t.Context): string => {
  let path = ''
  for (let i = 1; i < context.length; i++) {
    const { key } = context[i]
    if (Array.isArray(context[i - 1].actual)) path += `[${key}]`
    else if (plainKey.test(key)) path += path === '' ? key : `.${key}`
    else path += `[${JSON.stringify(key)}]`
  }
  return path === '' ? '(root)' : path
}

/** The whole problem text of one error: its message, or `expected <type name>, got <value>`. */
const problemOf = ({ context, value, message }: t.ValidationError): string =>
  message ?? `expected ${context[context.length - 1]?.type.name ?? 'a value'}, got ${show(value)}`

/**
 * One line per failure, `path: problem`, duplicates dropped. Codecs here name their types as
 * expectations (`a positive integer`) and put a complete problem in `message` when the value
 * alone does not explain it (`unknown field, got 0.9`). A failure inside a plain io-ts union is
 * reported once, at the union, naming the union.
 */
export const formatErrors = (errors: t.Errors): string[] => {
  const lines = errors.map((error) => {
    const { context } = error
    const at = context.findIndex((_, i) => i > 0 && context[i - 1].type instanceof t.UnionType)
    if (at < 0) return `${pathOf(context)}: ${problemOf(error)}`
    const union = context.slice(0, at)
    const { type, actual } = union[union.length - 1]
    return `${pathOf(union)}: expected ${type.name}, got ${show(actual)}`
  })
  return [...new Set(lines)]
}
