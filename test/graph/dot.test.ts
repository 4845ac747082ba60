import { describe, expect, it } from 'vitest'
import { builder } from '../../src/graph/builder.js'
import { toDot } from '../../src/graph/dot.js'
import { grad } from '../../src/graph/grad.js'

describe('toDot', () => {
  it('draws each node once with its shape and each input as an edge', () => {
    const g = builder()
    const x = g.input('x', [1, 2])
    const w = g.param('w', [2, 2])
    const y = g.sumAll(g.relu(g.matmul(x, w)))

    const dot = toDot('forward', [y])

    expect(dot).toContain('digraph "forward" {')
    expect(dot).toContain('n0 [label="x\\n[1,2]"')
    expect(dot).toContain('n1 [label="w\\n[2,2]"')
    expect(dot.match(/ -> /g)).toHaveLength(4)
    expect(dot).toContain('n2 [label="matmul(A·B)\\n[1,2]",shape=ellipse];')
  })

  it('draws the derivative graph, with shape-only inputs dashed', () => {
    const g = builder()
    const x = g.input('x', [3, 2])
    const loss = g.meanRows(g.sumCols(g.square(x)))
    const [dx] = grad(g, loss, [x])

    const dot = toDot('derivative', [dx])

    expect(dot).toContain('[style=dashed]')
    expect(dot).toContain('square')
    expect(dot).toContain('penwidth=2')
  })
})
