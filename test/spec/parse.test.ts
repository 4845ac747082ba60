import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { parseSpec } from '../../src/spec/parse.js'
import { example, withLayers } from './specs.js'

const text = (value: unknown): string => JSON.stringify(value, null, 2)
const problems = (source: string): readonly string[] =>
  E.match(
    (lines: readonly string[]) => lines,
    () => [],
  )(parseSpec(source, 'spec.json'))

describe('parseSpec', () => {
  it('returns the spec as written', () => {
    expect(parseSpec(text(example), 'spec.json')).toEqual(E.right(example))
  })

  it('ignores a leading byte-order mark', () => {
    expect(parseSpec(`\uFEFF${text(example)}`, 'spec.json')).toEqual(E.right(example))
  })

  it.each([
    ['a missing value', '{\n  "seed": 1,\n  "model": }\n', 'invalid JSON: unexpected "}" at line 3, column 12'],
    ['a trailing comma', '{"seed": 1,}', 'invalid JSON: unexpected "}" at line 1, column 12'],
    ['a cut-off file', '{"seed": 1,\n "model": {', 'invalid JSON: unexpected end of input at line 2, column 12'],
    ['an empty file', '', 'invalid JSON: unexpected end of input at line 1, column 1'],
    ['a comment', '{\n  // seed\n  "seed": 1\n}', 'invalid JSON: unexpected "/" at line 2, column 3'],
    ['single quotes', "{'seed': 1}", `invalid JSON: unexpected "'" at line 1, column 2`],
    ['text after the object', '{}\n{}', 'invalid JSON: unexpected "{" at line 2, column 1'],
    ['a tab inside a string', '{"a": "x\ty"}', 'invalid JSON: unexpected character U+0009 in a string at line 1, column 9'],
  ])('reports invalid JSON with its position: %s', (_, source, line) => {
    expect(problems(source)).toEqual([line])
  })

  it('reports codec errors without the file name', () => {
    expect(problems(text(withLayers([{ type: 'dense', units: -3 }])))).toEqual([
      'model.layers[0].units: expected a positive integer, got -3',
    ])
  })

  it('reports cross-field errors once the codec accepts', () => {
    const spec = { ...withLayers([{ type: 'dense', units: 3 }]), loss: { type: 'cross-entropy' } }

    expect(problems(text(spec))).toEqual([
      'loss.type: expected a model ending in softmax for cross-entropy, got a model ending in dense',
    ])
  })

  it('reports codec errors, then the cross-field errors of the sections that decode', () => {
    const spec = {
      ...withLayers([{ type: 'dense', units: 3 }]),
      loss: { type: 'cross-entropy' },
      optimizer: { type: 'sgd', learningRate: 1, momentun: 0.9, nesterov: true },
      seed: 'x',
    }

    expect(problems(text(spec))).toEqual([
      'seed: expected an integer, got "x"',
      'optimizer.momentun: unknown field, got 0.9',
      'loss.type: expected a model ending in softmax for cross-entropy, got a model ending in dense',
    ])
  })

  it('skips the cross-field rules that read a section that does not decode', () => {
    const spec = { ...withLayers([{ type: 'dense', units: 3 }, { type: 'relu', alpha: 1 }]), loss: { type: 'cross-entropy' } }

    expect(problems(text(spec))).toEqual(['model.layers[1].alpha: unknown field, got 1'])
  })

  it('reports no cross-field errors for a document that is not an object', () => {
    expect(problems('[]')).toEqual(['(root): expected an object, got []'])
  })

  it('decodes 1e400 as Infinity and rejects it as not finite', () => {
    expect(problems(text(example).replace('"learningRate": 0.1', '"learningRate": 1e400'))).toEqual([
      'optimizer.learningRate: expected a finite number, got Infinity',
    ])
  })

  it('keeps the last of duplicate keys, as JSON.parse does', () => {
    const source = text(example).replace('"seed": 1', '"seed": "one",\n  "seed": 1')

    expect(parseSpec(source, 'spec.json')).toEqual(E.right(example))
  })
})
