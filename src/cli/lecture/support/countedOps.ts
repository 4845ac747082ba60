/**
 * Ops that count their own evaluations, built only from the public `Op` interface and applied
 * with `g.apply`: f = sin and its derivative f′ = cos, each application tallied under a label.
 */
import type { Builder } from '../../../graph/builder.js'
import type { Node, Op } from '../../../graph/node.js'

/** Evaluations per label, filled in as plans run. */
export type Tally = Map<string, number>

const bump = (tally: Tally, label: string): void => {
  tally.set(label, (tally.get(label) ?? 0) + 1)
}

const elementwise = (name: string, label: string, tally: Tally, fn: (v: number) => number, vjp: Op['vjp']): Op => ({
  name,
  shape: ([x]) => x,
  compute: ([x], out) => {
    bump(tally, label)
    for (let i = 0; i < out.length; i++) out[i] = fn(x[i])
  },
  vjp,
})

/** f′ = cos applied to `x`, tallied as `label`; its own derivative is −sin. */
export const fPrime = (g: Builder, x: Node, label: string, tally: Tally): Node =>
  g.apply(
    elementwise('f′', label, tally, Math.cos, (b, _node, dy) => {
      const sin = elementwise('sin', `sin ${label}`, tally, Math.sin, () => [null])
      return [b.mul(dy, b.neg(b.apply(sin, [x])))]
    }),
    [x],
  )

/**
 * f = sin applied to `x`, tallied as `label`. Its vjp applies f′ to the same input, named by
 * `derivativeLabel`. With `name` 'f' equal applications merge in the builder; a unique name
 * keeps every application a node of its own, as an expression tree written out would.
 */
export const f = (g: Builder, x: Node, label: string, tally: Tally, derivativeLabel = `f′ at ${label}`, name = 'f'): Node =>
  g.apply(
    elementwise(name, label, tally, Math.sin, (b, node, dy) => [b.mul(dy, fPrime(b, node.inputs[0], derivativeLabel, tally))]),
    [x],
  )
