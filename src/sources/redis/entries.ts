/**
 * Redis Streams entries as the source sees them: replies of XREADGROUP and XAUTOCLAIM parsed
 * (ioredis returns them untyped), entry IDs compared, and an entry's raw record extracted.
 */

/** One stream entry: its ID and its field/value list (null when the entry was trimmed away). */
export interface Entry {
  readonly id: string
  readonly fields: readonly string[] | null
}

const isEntry = (e: unknown): e is readonly [string, readonly string[] | null] =>
  Array.isArray(e) && typeof e[0] === 'string' && (e[1] === null || Array.isArray(e[1]))

const toEntries = (list: unknown, command: string): Entry[] => {
  if (!Array.isArray(list) || !list.every(isEntry)) {
    throw new Error(`${command}: unexpected reply ${JSON.stringify(list)}`)
  }
  return list.map(([id, fields]) => ({ id, fields }))
}

/** The entries of an XREADGROUP reply on one stream (none when it timed out). */
export const readReply = (reply: unknown): Entry[] => {
  if (reply === null) return []
  if (!Array.isArray(reply) || reply.length !== 1 || !Array.isArray(reply[0])) {
    throw new Error(`XREADGROUP: unexpected reply ${JSON.stringify(reply)}`)
  }
  return toEntries(reply[0][1], 'XREADGROUP')
}

/** The cursor and the claimed entries of an XAUTOCLAIM reply. */
export const claimReply = (reply: unknown): { readonly next: string; readonly entries: Entry[] } => {
  if (!Array.isArray(reply) || typeof reply[0] !== 'string') {
    throw new Error(`XAUTOCLAIM: unexpected reply ${JSON.stringify(reply)}`)
  }
  return { next: reply[0], entries: toEntries(reply[1], 'XAUTOCLAIM') }
}

/** The two parts of an entry ID, which are 64-bit: BigInt keeps the order exact. */
const parts = (id: string): readonly [bigint, bigint] => {
  const [ms, seq = '0'] = id.split('-')
  return [BigInt(ms), BigInt(seq)]
}

/** Negative, zero or positive as entry ID a sorts before, with, or after b. */
export const compareIds = (a: string, b: string): number => {
  const [am, as] = parts(a)
  const [bm, bs] = parts(b)
  return am !== bm ? (am < bm ? -1 : 1) : as === bs ? 0 : as < bs ? -1 : 1
}

/**
 * The raw record of an entry: the value of `field`, or, when the entry has no such field, its
 * fields as a JSON object, so that decoding rejects it with the text that was there.
 */
export const rawOf = (fields: readonly string[], field: string): string => {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === field) return fields[i + 1]
  const pairs: [string, string][] = []
  for (let i = 0; i + 1 < fields.length; i += 2) pairs.push([fields[i], fields[i + 1]])
  return JSON.stringify(Object.fromEntries(pairs))
}
