/** Matrix products op(A)·op(B) in all four transposition forms. */
import { type Shape, showShape } from '../../tensor/shape.js'
import type { Op } from '../node.js'
import { matrix } from './check.js'

/** op(A)·op(B), where `ta` / `tb` transpose A / B; the vjp is two more matmuls. */
export const matmul = ({ ta = false, tb = false }: { ta?: boolean; tb?: boolean } = {}): Op => ({
  name: `matmul(${ta ? 'Aᵀ' : 'A'}·${tb ? 'Bᵀ' : 'B'})`,
  shape: ([a, b]: readonly Shape[]) => {
    const [ar, ac] = matrix('matmul', a)
    const [br, bc] = matrix('matmul', b)
    const [m, k] = ta ? [ac, ar] : [ar, ac]
    const [kb, n] = tb ? [bc, br] : [br, bc]
    if (k !== kb) {
      throw new RangeError(`matmul: inner sizes differ, ${showShape(a)}${ta ? 'ᵀ' : ''} · ${showShape(b)}${tb ? 'ᵀ' : ''}`)
    }
    return [m, n]
  },
  compute: ([a, b], out, [as, bs], kernels) => {
    const m = ta ? as[1] : as[0]
    const k = ta ? as[0] : as[1]
    const n = tb ? bs[0] : bs[1]
    kernels.matmul(a, b, out, m, k, n, ta, tb)
  },
  // C = op(A)·op(B) with dC = dy: dA and dB in each form, shapes as A and B are stored.
  vjp: (g, { inputs: [a, b] }, dy) => {
    if (!ta && !tb) return [g.matmul(dy, b, { tb: true }), g.matmul(a, dy, { ta: true })] // A m×k, B k×n
    if (!ta && tb) return [g.matmul(dy, b), g.matmul(dy, a, { ta: true })] // B n×k: dB = dCᵀ·A
    if (ta && !tb) return [g.matmul(b, dy, { tb: true }), g.matmul(a, dy)] // A k×m: dA = B·dCᵀ
    return [g.matmul(b, dy, { ta: true, tb: true }), g.matmul(dy, a, { ta: true, tb: true })] // dA = Bᵀ·dCᵀ, dB = dCᵀ·Aᵀ
  },
})
