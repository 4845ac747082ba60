/**
 * The durable pull consumer a NATS source reads through, and where it starts.
 *
 * A JetStream consumer cannot be moved to another start sequence, and its redelivery of
 * unacknowledged messages waits for `ack_wait`. To continue "at once" after `position` (the state's
 * stream position, or the broker's own ack floor), the source deletes the durable and creates it
 * again at `position + 1`, unless the existing one already stands exactly there with nothing in
 * flight. Everything at or before `position` is covered by a durable checkpoint, so the new
 * consumer's implicit ack floor says nothing the trainer has not made true.
 */
import { AckPolicy, DeliverPolicy, JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream'
import type { ConsumerConfig, ConsumerInfo, JetStreamManager } from '@nats-io/jetstream'
import { nanos } from '@nats-io/transport-node'

/** The consumer a source reads: which stream, which subjects, which durable name. */
export interface DurableSpec {
  readonly stream: string
  readonly subject: string
  readonly durable: string
  /** Redelivery timeout; long, because checkpoints (and so acks) may be far apart. */
  readonly ackWaitMs: number
}

/** The consumer's configuration when it starts after stream sequence `after` (0: the first message). */
export const consumerConfig = (spec: DurableSpec, after: number): Partial<ConsumerConfig> => ({
  durable_name: spec.durable,
  filter_subject: spec.subject,
  ack_policy: AckPolicy.Explicit,
  ack_wait: nanos(spec.ackWaitMs),
  // Unlimited: acks wait for checkpoints, and a cap below the checkpoint interval would stall the
  // consumer forever. The client's own memory is bounded by the batch size, not by this.
  max_ack_pending: -1,
  max_deliver: -1,
  ...(after === 0
    ? { deliver_policy: DeliverPolicy.All }
    : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: after + 1 }),
})

/** The consumer's info, or undefined when it does not exist. */
export const durableInfo = async (jsm: JetStreamManager, spec: DurableSpec): Promise<ConsumerInfo | undefined> => {
  try {
    return await jsm.consumers.info(spec.stream, spec.durable)
  } catch (e) {
    if (e instanceof JetStreamApiError && e.code === JetStreamApiCodes.ConsumerNotFound) return undefined
    throw e
  }
}

/** (Re)creates the durable so that its next message is the first one after stream sequence `after`. */
export const placeDurable = async (jsm: JetStreamManager, spec: DurableSpec, after: number): Promise<void> => {
  if ((await durableInfo(jsm, spec)) !== undefined) await jsm.consumers.delete(spec.stream, spec.durable)
  await jsm.consumers.add(spec.stream, consumerConfig(spec, after))
}

/** True when nothing is delivered-but-unacknowledged and no pull request is waiting. */
const quiet = (info: ConsumerInfo): boolean => info.num_ack_pending === 0 && info.num_waiting === 0

/** True when the durable was made with this spec (another filter or ack wait means recreate). */
const sameSpec = (info: ConsumerInfo, spec: DurableSpec): boolean =>
  info.config.filter_subject === spec.subject &&
  info.config.ack_policy === AckPolicy.Explicit &&
  info.config.ack_wait === nanos(spec.ackWaitMs) &&
  info.config.max_ack_pending === -1

/**
 * The stream sequence the durable is settled through: all delivered when it is quiet, else its
 * ack floor. (A consumer created at a start sequence reports ack floor 0 until its first ack.)
 */
const settledThrough = (info: ConsumerInfo): number =>
  quiet(info)
    ? info.delivered.stream_seq
    : Math.max(info.ack_floor.stream_seq, (info.config.opt_start_seq ?? 1) - 1)

/**
 * Makes the durable continue right after `startAfter` (default: where the broker says it is
 * settled) and returns that position. A predecessor's unacknowledged messages after it come
 * again at once, without waiting for `ack_wait`.
 */
export const openDurable = async (jsm: JetStreamManager, spec: DurableSpec, startAfter?: number): Promise<number> => {
  const info = await durableInfo(jsm, spec)
  const after = startAfter ?? (info === undefined ? 0 : settledThrough(info))
  const inPlace = info !== undefined && sameSpec(info, spec) && quiet(info) && info.delivered.stream_seq === after
  if (!inPlace) await placeDurable(jsm, spec, after)
  return after
}

/**
 * After a dropped connection or a failed pull: true when messages may have been delivered into
 * an inbox nobody reads (the broker delivered past what the source saw, or a pull of ours is
 * still waiting), which only `ack_wait` would bring back unless the durable is placed again.
 */
export const lostInFlight = (info: ConsumerInfo | undefined, seen: number): boolean =>
  info === undefined || info.delivered.stream_seq > seen || info.num_waiting > 0

/** Places the durable again after `covered` when messages may be lost in flight (see lostInFlight). */
export const recoverDurable = async (
  jsm: JetStreamManager,
  spec: DurableSpec,
  seen: number,
  covered: number,
): Promise<void> => {
  if (lostInFlight(await durableInfo(jsm, spec), seen)) await placeDurable(jsm, spec, covered)
}
