/**
 * A producer process for the memory tests: `produce.ts nats <servers> <stream> <subject> <n>` or
 * `produce.ts redis <url> <stream> <n>` publishes n small event lines and prints its run time in ms.
 */
import { publishLines } from '../../../src/sources/nats/publish.js'
import { appendLines } from '../../../src/sources/redis/append.js'
import { eventLines } from './support.js'

const [kind, target, stream, ...rest] = process.argv.slice(2)
const start = performance.now()
if (kind === 'nats') {
  const [subject, n] = rest
  await publishLines({ servers: target, stream, subject, lines: eventLines(Number(n)), storage: 'memory' })
} else {
  await appendLines({ url: target, stream, lines: eventLines(Number(rest[0])) })
}
process.stdout.write(`${performance.now() - start}\n`)
