/** Retrying a broker step that can fail while a broker comes back (e.g. JetStream still recovering). */
import type { Reconnect } from './broker.js'

/** `step`, tried up to `attempts` times `waitMs` apart; the last failure is rethrown. */
export const retrying = async <A>({ attempts, waitMs }: Reconnect, step: () => Promise<A>): Promise<A> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step()
    } catch (e) {
      if (attempt >= attempts) throw e
      await new Promise((resolve) => setTimeout(resolve, waitMs))
    }
  }
}
