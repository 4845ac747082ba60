import { left, right } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { matchShapes } from '../../src/checkpoint/match.js'
import { tensor } from '../../src/tensor/tensor.js'

// The CONTRACT's example: dense 2 -> 2, relu, dense 2 -> 1.
const expected = { '0.weight': [2, 2], '0.bias': [2], '2.weight': [1, 2], '2.bias': [1] }
const good = { '2.bias': tensor([1]), '0.weight': tensor([2, 2]), '2.weight': tensor([1, 2]), '0.bias': tensor([2]) }

describe('matchShapes', () => {
  it('accepts matching tensors and puts them in the expected order', () => {
    const matched = matchShapes(good, expected)

    expect(matched).toEqual(right(good))
    expect(matched._tag === 'Right' && Object.keys(matched.right)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias'])
  })

  it.each([
    ['a missing tensor', { '0.weight': good['0.weight'], '2.weight': good['2.weight'], '2.bias': good['2.bias'] }, ['0.bias: missing, expected shape [2]']],
    ['an unexpected tensor', { ...good, '4.weight': tensor([1, 1]) }, ['4.weight: unexpected tensor of shape [1,1]']],
    ['a transposed weight', { ...good, '2.weight': tensor([2, 1]) }, ['2.weight: expected shape [1,2], got [2,1]']],
    ['a rank mismatch', { ...good, '0.bias': tensor([1, 2]) }, ['0.bias: expected shape [2], got [1,2]']],
    ['a scalar for a vector', { ...good, '2.bias': tensor([]) }, ['2.bias: expected shape [1], got []']],
    [
      'several problems at once, in expected order then unexpected',
      { '0.weight': tensor([2, 3]), '2.weight': good['2.weight'], extra: tensor([3]), '2.bias': tensor([2]) },
      ['0.weight: expected shape [2,2], got [2,3]', '0.bias: missing, expected shape [2]', '2.bias: expected shape [1], got [2]', 'extra: unexpected tensor of shape [3]'],
    ],
    ['names that exist on every object', { ...good, constructor: tensor([1]) }, ['constructor: unexpected tensor of shape [1]']],
  ])('reports %s', (_, tensors, problems) => {
    expect(matchShapes(tensors, expected)).toEqual(left(problems))
  })

  it('reports the example from the brief', () => {
    expect(matchShapes({ '0.weight': tensor([2, 4]) }, { '0.weight': [4, 2] })).toEqual(left(['0.weight: expected shape [4,2], got [2,4]']))
  })

  it('finds a missing toString rather than Object.prototype.toString', () => {
    expect(matchShapes({}, { toString: [1] })).toEqual(left(['toString: missing, expected shape [1]']))
  })
})
