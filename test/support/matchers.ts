/** Shared matchers: `toBeCloseToArray` compares arrays entry by entry with a relative-or-absolute tolerance. */
import { expect } from 'vitest'

interface CloseToArray<R = unknown> {
  toBeCloseToArray: (expected: ArrayLike<number>, tolerance?: number) => R
}

declare module 'vitest' {
  interface Matchers<T = any> extends CloseToArray<T> {}
}

expect.extend({
  toBeCloseToArray(received: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-6) {
    if (received.length !== expected.length) {
      return { pass: false, message: () => `expected length ${expected.length}, got ${received.length}` }
    }
    let worst = -1
    let worstErr = 0
    for (let i = 0; i < received.length; i++) {
      const a = received[i]
      const b = expected[i]
      const err = Math.abs(a - b) / Math.max(1, Math.abs(b))
      if (!(err <= tolerance) && !(Number.isNaN(a) && Number.isNaN(b))) {
        if (!(err <= worstErr)) {
          worst = i
          worstErr = err
        }
      }
    }
    return {
      pass: worst < 0,
      message: () =>
        worst < 0
          ? `expected arrays to differ by more than ${tolerance}`
          : `entry ${worst}: got ${received[worst]}, expected ${expected[worst]} (error ${worstErr.toExponential(2)} > ${tolerance})`,
    }
  },
})
