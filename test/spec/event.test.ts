import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeEvent, decodeLine } from '../../src/spec/event.js'
import type { EventShape } from '../../src/spec/widths.js'

const pair: EventShape = { inputs: 2, targets: 1, classes: false }
const twoTargets: EventShape = { inputs: 2, targets: 2, classes: false }
const tenClasses: EventShape = { inputs: 2, targets: 10, classes: true }
const threeClasses: EventShape = { inputs: 1, targets: 3, classes: true }

/** A sample as plain arrays, so rows can state it; -0 survives (toEqual tells it from 0). */
const plain = (e: E.Either<string, { x: Float32Array; y: Float32Array }>) =>
  E.isLeft(e) ? e : E.right({ x: Array.from(e.right.x), y: Array.from(e.right.y) })

describe('decodeEvent rejects, naming the field', () => {
  it.each([
    ['{"x":[1,"1"],"y":0}', pair, 'x[1]: expected a finite number, got "1"'],
    ['{"x":[1,2,3],"y":0}', pair, 'x: expected 2 numbers, got 3'],
    ['{"x":[1],"y":0}', pair, 'x: expected 2 numbers, got 1'],
    ['{"x":[1,2],"y":10}', tenClasses, 'y: expected a class index in 0..9, got 10'],
    ['{"x":[1,2],"y":-1}', tenClasses, 'y: expected a class index in 0..9, got -1'],
    ['{"x":[1,2],"y":2.5}', tenClasses, 'y: expected a class index or 10 numbers, got 2.5'],
    ['{"x":[1,2],"y":"3"}', tenClasses, 'y: expected a class index or 10 numbers, got "3"'],
    ['{"x":[1,2],"y":1e400}', tenClasses, 'y: expected a class index or 10 numbers, got Infinity'],
    ['{"x":[1,2],"y":[0,1]}', tenClasses, 'y: expected 10 numbers, got 2'],
    ['{"x":[1],"y":[0,1.5,-0.5]}', threeClasses, 'y[1]: expected a probability in [0, 1], got 1.5'],
    ['{"x":[1],"y":[0.5,0.2,0.2]}', threeClasses, 'y: expected a one-hot or probability vector, got a sum of 0.9'],
    ['{"x":[1],"y":[0,0,0]}', threeClasses, 'y: expected a one-hot or probability vector, got a sum of 0'],
    ['[1,2]', pair, '(root): expected an object, got [1,2]'],
    ['null', pair, '(root): expected an object, got null'],
    ['"x"', pair, '(root): expected an object, got "x"'],
    ['{"x":[1,2]', pair, 'invalid JSON: unexpected end of input at column 11'],
    ['{"x":[1,NaN],"y":0}', pair, 'invalid JSON: unexpected "N" at column 9'],
    ['{"x":[1,Infinity],"y":0}', pair, 'invalid JSON: unexpected "I" at column 9'],
    ['{"x":[1,2],"y":0}}', pair, 'invalid JSON: unexpected "}" at column 18'],
    ['', pair, 'invalid JSON: unexpected end of input at column 1'],
    ['{"x":[1,2]}', pair, 'y: missing'],
    ['{"y":1}', pair, 'x: missing'],
    ['{}', pair, 'x: missing; y: missing'],
    ['{"x":null,"y":0}', pair, 'x: expected an array of 2 numbers, got null'],
    ['{"x":"1,2","y":0}', pair, 'x: expected an array of 2 numbers, got "1,2"'],
    ['{"x":[1,null],"y":0}', pair, 'x[1]: expected a finite number, got null'],
    ['{"x":[[1],2],"y":0}', pair, 'x[0]: expected a finite number, got [1]'],
    ['{"x":[1e400,2],"y":0}', pair, 'x[0]: expected a finite number, got Infinity'],
    ['{"x":[-1e400,2],"y":0}', pair, 'x[0]: expected a finite number, got -Infinity'],
    ['{"x":[1,1e39],"y":0}', pair, 'x[1]: expected a number within float32 range, got 1e+39'],
    ['{"x":[1,2],"y":"3"}', pair, 'y: expected a number or an array of 1 number, got "3"'],
    ['{"x":[1,2],"y":[3,4]}', pair, 'y: expected 1 number, got 2'],
    ['{"x":[1,2],"y":3}', twoTargets, 'y: expected an array of 2 numbers, got 3'],
    ['{"x":[1,2],"y":[3,true]}', twoTargets, 'y[1]: expected a finite number, got true'],
    ['{"x":{"0":1,"1":2},"y":[3]}', pair, 'x: expected an array of 2 numbers, got {"0":1,"1":2}'],
    ['{"x":[1,2,3],"y":"a"}', pair, 'x: expected 2 numbers, got 3; y: expected a number or an array of 1 number, got "a"'],
    ['{"x":[1,2],"y":0,"x":[1]}', pair, 'x: expected 2 numbers, got 1'],
  ])('%s', (raw, shape, error) => {
    expect(decodeEvent(raw, shape)).toEqual(E.left(error))
  })
})

describe('decodeEvent accepts', () => {
  it.each([
    ['the plain form', '{"x":[1,2],"y":3}', pair, { x: [1, 2], y: [3] }],
    ['a trailing \\r', '{"x":[1,2],"y":3}\r', pair, { x: [1, 2], y: [3] }],
    ['whitespace anywhere', ' { "y" :\t[ 3 ] ,\n"x" : [ 1 , 2 ] } ', pair, { x: [1, 2], y: [3] }],
    ['exponents and signs', '{"x":[-1.5e2,2E-1],"y":[0.25e+1]}', pair, { x: [-150, Math.fround(0.2)], y: [2.5] }],
    ['negative zero', '{"x":[-0,-0.0e5],"y":-0}', pair, { x: [-0, -0], y: [-0] }],
    ['a value rounded to float32', '{"x":[0.1,1e-50],"y":3.4028235e38}', pair, { x: [Math.fround(0.1), 0], y: [Math.fround(3.4028235e38)] }],
    ['the last of duplicate keys', '{"x":[9,9],"y":0,"x":[1,2]}', pair, { x: [1, 2], y: [0] }],
    ['unknown fields', '{"id":"a1","x":[1,2],"meta":{"t":[1,"b"]},"y":0,"z":null}', pair, { x: [1, 2], y: [0] }],
    ['an escaped key', '{"\\u0078":[1,2],"y":0}', pair, { x: [1, 2], y: [0] }],
    ['a class index, made one-hot', '{"x":[1,2],"y":3}', tenClasses, { x: [1, 2], y: [0, 0, 0, 1, 0, 0, 0, 0, 0, 0] }],
    ['a class index written with a fraction and exponent', '{"x":[1],"y":0.2e1}', threeClasses, { x: [1], y: [0, 0, 1] }],
    ['class index -0 as class 0', '{"x":[1],"y":-0}', threeClasses, { x: [1], y: [1, 0, 0] }],
    ['a one-hot vector', '{"x":[1],"y":[0,1,0]}', threeClasses, { x: [1], y: [0, 1, 0] }],
    ['a probability vector', '{"x":[1],"y":[0.2,0.3,0.5]}', threeClasses, { x: [1], y: [Math.fround(0.2), Math.fround(0.3), 0.5] }],
    ['a probability vector summing to 1 within 1e-3', '{"x":[1],"y":[0.333,0.333,0.333]}', threeClasses, { x: [1], y: [0.333, 0.333, 0.333].map(Math.fround) }],
    ['a vector of targets', '{"x":[1,2],"y":[3,4]}', twoTargets, { x: [1, 2], y: [3, 4] }],
  ])('%s', (_, raw, shape, sample) => {
    expect(plain(decodeEvent(raw, shape))).toEqual(E.right(sample))
  })

  it('returns Float32Arrays', () => {
    const decoded = decodeEvent('{"x":[1,2],"y":1}', tenClasses)

    expect(E.isRight(decoded) && decoded.right.x instanceof Float32Array && decoded.right.y instanceof Float32Array).toBe(true)
  })
})

describe('decodeLine', () => {
  it('numbers a sample with its line and subject', () => {
    const decoded = decodeLine({ line: 7, value: '{"x":[1,2],"y":0}', subject: 'events.a' }, pair)

    expect(E.isRight(decoded) && { ...decoded.right, value: plain(E.right(decoded.right.value)) }).toEqual({
      line: 7,
      subject: 'events.a',
      value: E.right({ x: [1, 2], y: [0] }),
    })
  })

  it('turns a bad line into a dead letter with its line, its text and the reason', () => {
    expect(decodeLine({ line: 5, value: '{"x": [1, "1"], "y": 0}\r' }, pair)).toEqual(
      E.left({ line: 5, raw: '{"x": [1, "1"], "y": 0}', error: 'x[1]: expected a finite number, got "1"' }),
    )
  })

  it('keeps the subject of a broker message', () => {
    expect(decodeLine({ line: 12, value: 'oops', subject: 'events.b' }, pair)).toEqual(
      E.left({ line: 12, raw: 'oops', error: 'invalid JSON: unexpected "o" at column 1', subject: 'events.b' }),
    )
  })
})
