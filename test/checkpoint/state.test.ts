import { left } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { assertExactJson } from '../../src/checkpoint/json.js'
import { encodeSafetensors } from '../../src/checkpoint/safetensors/encode.js'
import { STATE_KEY, decodeState, encodeState, readMeta, writeMeta } from '../../src/checkpoint/state.js'
import { tensor } from '../../src/tensor/tensor.js'
import { bits } from './files.js'

// Shaped like the CONTRACT's --state file; the record's fields are the caller's choice.
const tensors = {
  '0.weight': tensor([2, 2], [0.1, -0.2, 0.3, -0]),
  '0.bias': tensor([2], [1e-45, -1]),
  'optimizer.0.weight.exp_avg': tensor([2, 2], [1, 2, 3, 4]),
  'optimizer.0.bias.exp_avg': tensor([2], [5, 6]),
}
const meta = {
  step: 1234,
  epoch: 2,
  stream: { position: 9007199254740991, subject: 'events.x' },
  rng: [3735928559, 0, 4294967295],
  lr: 0.1 + 0.2,
  tiny: 5e-324,
  big: 1.7976931348623157e308,
  done: false,
  note: null,
  nested: [[], {}, ''],
}

describe('training-state files', () => {
  it('round-trips tensors bit for bit and the record exactly, numbers included', () => {
    const decoded = decodeState(encodeState({ tensors, meta }))

    if (decoded._tag === 'Left') throw new Error(decoded.left)
    expect(decoded.right.meta).toEqual(meta)
    expect(decoded.right.meta.lr).toBe(0.30000000000000004)
    expect(Object.fromEntries(Object.entries(decoded.right.tensors).map(([n, t]) => [n, bits(t.data)]))).toEqual(
      Object.fromEntries(Object.entries(tensors).map(([n, t]) => [n, bits(t.data)])),
    )
  })

  it('stores the record as one JSON string under __metadata__, the only kind of value the format allows', () => {
    expect(writeMeta({ step: 3, rng: [1, 2] })).toEqual({ [STATE_KEY]: '{"step":3,"rng":[1,2]}' })
    expect(STATE_KEY).toBe('streamprop.state')
  })

  it('accepts an interface-typed record', () => {
    interface Position {
      readonly step: number
    }
    const position: Position = { step: 1 }

    expect(readMeta(writeMeta(position))).toEqual({ _tag: 'Right', right: { step: 1 } })
  })

  it.each([
    ['a file without the record', encodeSafetensors(tensors), '__metadata__ has no streamprop.state entry (is this a state file?)'],
    ['a record that is not JSON', encodeSafetensors({}, { [STATE_KEY]: '{step: 1}' }), '__metadata__.streamprop.state is not valid JSON'],
    ['a record that is a list', encodeSafetensors({}, { [STATE_KEY]: '[1]' }), '__metadata__.streamprop.state: expected a JSON object, got an array'],
    ['a record that is null', encodeSafetensors({}, { [STATE_KEY]: 'null' }), '__metadata__.streamprop.state: expected a JSON object, got null'],
    ['a malformed file', new Uint8Array(3), 'file is 3 bytes, too short for the 8-byte header length'],
  ])('refuses %s', (_, bytes, message) => {
    expect(decodeState(bytes)).toEqual(left(message))
  })

  it('ignores other metadata keys', () => {
    const bytes = encodeSafetensors({}, { ...writeMeta({ step: 1 }), format: 'pt' })

    expect(decodeState(bytes)).toEqual({ _tag: 'Right', right: { tensors: {}, meta: { step: 1 } } })
  })
})

describe('assertExactJson: values JSON would silently change are refused', () => {
  class Cursor {
    readonly at = 1
  }
  const cyclic: { self?: unknown } = {}
  cyclic.self = cyclic

  it.each([
    ['NaN', { loss: NaN }, 'meta.loss: NaN, which JSON cannot carry exactly'],
    ['Infinity', { best: [1, -Infinity] }, 'meta.best[1]: -Infinity, which JSON cannot carry exactly'],
    ['-0', { x: { y: -0 } }, 'meta.x.y: -0, which JSON cannot carry exactly'],
    ['undefined', { a: undefined }, 'meta.a: undefined, which JSON cannot carry exactly'],
    ['a bigint', { seq: 5n }, 'meta.seq: a bigint, which JSON cannot carry exactly'],
    ['a function', { f: () => 1 }, 'meta.f: a function, which JSON cannot carry exactly'],
    ['a Date', { at: new Date(0) }, 'meta.at: an instance of Date, which JSON cannot carry exactly'],
    ['a class instance', { c: new Cursor() }, 'meta.c: an instance of Cursor, which JSON cannot carry exactly'],
    ['a typed array', { rng: new Uint32Array(2) }, 'meta.rng: an instance of Uint32Array, which JSON cannot carry exactly'],
    ['a hole in an array', { a: [1, , 3] }, 'meta.a: a hole at [1], which JSON cannot carry exactly'],
    ['a cycle', cyclic, 'meta.self: a cycle, which JSON cannot carry exactly'],
    ['a lone surrogate', { s: 'a\udc00' }, 'meta.s: a string with a lone surrogate, which JSON cannot carry exactly'],
    ['an object with a foreign prototype', { o: Object.create({ at: 1 }) as object }, 'meta.o: an instance of Object, which JSON cannot carry exactly'],
    ['symbol keys', { [Symbol('k')]: 1 }, 'meta: symbol keys, which JSON cannot carry exactly'],
  ])('%s', (_, value, message) => {
    expect(() => assertExactJson(value, 'meta')).toThrow(message)
    expect(() => encodeState({ tensors: {}, meta: value })).toThrow(message)
  })

  it('accepts a value shared by two fields (not a cycle) and objects without a prototype', () => {
    const shared = { a: 1 }
    const bare = Object.assign(Object.create(null) as object, { b: 2 })

    expect(() => assertExactJson({ x: shared, y: shared, bare }, 'meta')).not.toThrow()
  })

  it('refuses an array as the whole record', () => {
    expect(() => writeMeta([1, 2])).toThrow('meta: expected an object, got an array')
  })
})
