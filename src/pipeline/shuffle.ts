/**
 * Seeded shuffling: a full shuffle of each epoch of a finite source, and a shuffle buffer for
 * unbounded streams. Both draw from a key, so the same seed gives the same order.
 */
import { EMPTY, type OperatorFunction, concat, defer, from, mergeMap, of, toArray } from 'rxjs'
import { type Key, fold, permutation, unit } from '../tensor/random.js'

/** All values of the (finite) source, in the order of a permutation drawn from the key for this epoch. */
export const shuffleEpoch =
  <T>(k: Key, epoch: number): OperatorFunction<T, T> =>
  (source) =>
    source.pipe(
      toArray(),
      mergeMap((all) => {
        const order = permutation(fold(k, epoch), all.length)
        return from(Array.from(order, (i) => all[i]))
      }),
    )

/**
 * A buffer of `size` values: once full, each arrival replaces a random resident, which is emitted;
 * at completion the rest leave in random order. Memory stays at `size` values for any stream.
 */
export const shuffleBuffer =
  <T>(size: number, k: Key): OperatorFunction<T, T> =>
  (source) =>
    defer(() => {
      const buffer: T[] = []
      let draws = 0
      const draw = (n: number): number => Math.floor(unit(k, draws++) * n)
      const rest = defer(() => {
        const out: T[] = []
        while (buffer.length > 0) out.push(buffer.splice(draw(buffer.length), 1)[0])
        return from(out)
      })
      return concat(
        source.pipe(
          mergeMap((v) => {
            if (buffer.length < size) {
              buffer.push(v)
              return EMPTY
            }
            const j = draw(size)
            const out = buffer[j]
            buffer[j] = v
            return of(out)
          }),
        ),
        rest,
      )
    })
