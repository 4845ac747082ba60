/** The vector functions applied in place to n floats (n a multiple of 4), so tests can measure their error. */
import { exp4, sigmoid4, tanh4 } from './vmath'

/** x ← e^x. */
export function mapExp(p: usize, n: i32): void {
  for (let i = 0; i < n; i += 4) v128.store(p + (<usize>i << 2), exp4(v128.load(p + (<usize>i << 2))))
}

/** x ← tanh x. */
export function mapTanh(p: usize, n: i32): void {
  for (let i = 0; i < n; i += 4) v128.store(p + (<usize>i << 2), tanh4(v128.load(p + (<usize>i << 2))))
}

/** x ← σ(x). */
export function mapSigmoid(p: usize, n: i32): void {
  for (let i = 0; i < n; i += 4) v128.store(p + (<usize>i << 2), sigmoid4(v128.load(p + (<usize>i << 2))))
}
