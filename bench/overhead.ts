/**
 * The per-event overhead of the staged RxJS pipeline over calling the plans and the optimizer
 * directly: the same batches (batch 1, SGD) trained both ways, interleaved, medians of paired
 * rounds. The model is a single 4-input linear unit, so the step itself is cheap and what the
 * pipeline adds (records, operators, the non-finite guard) is not lost in its noise.
 * Run: npx tsx bench/overhead.ts
 */
import os from 'node:os'
import { from, lastValueFrom } from 'rxjs'
import { compileNet } from '../src/graph/net.js'
import { dense } from '../src/layers/dense.js'
import { serial } from '../src/layers/serial.js'
import { mse } from '../src/losses/mse.js'
import { sgd } from '../src/optim/sgd.js'
import { stack } from '../src/pipeline/batching.js'
import { train } from '../src/pipeline/train.js'
import { applyUpdates } from '../src/tensor/params.js'
import { fold, key, uniform } from '../src/tensor/random.js'

const events = 50000
const inputs = 4
const net = compileNet(serial(dense({ units: 1 })), mse, { inputs })
const tx = sgd({ learningRate: 0.01 })
const params = net.init(key(1))
const xs = uniform(fold(key(2), 1), [events, inputs], -1, 1).data
const batches = Array.from({ length: events }, (_, i) =>
  stack([{ line: i + 1, value: { x: xs.subarray(inputs * i, inputs * i + inputs), y: Float32Array.of(Math.sin(xs[inputs * i])) } }]),
)

const direct = (): number => {
  const t0 = performance.now()
  let p = params
  let s = tx.init(p)
  for (const b of batches) {
    const fwd = net.forward(b.x, b.y, p)
    const grads = net.backward(fwd, b.x, b.y, p)
    const [u, next] = tx.update(grads, s, p)
    p = applyUpdates(p, u)
    s = next
  }
  return ((performance.now() - t0) * 1000) / events
}

const piped = async (): Promise<number> => {
  const t0 = performance.now()
  await lastValueFrom(from(batches).pipe(train({ step: 0, params, optState: tx.init(params) }, { net, optimizer: tx, frozen: new Set() })))
  return ((performance.now() - t0) * 1000) / events
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]
const a: number[] = []
const b: number[] = []
for (let round = 0; round < 15; round++) {
  a.push(direct())
  b.push(await piped())
}
console.log(`machine: ${os.cpus()[0].model}, ${os.cpus().length} cores, node ${process.version}, load ${os.loadavg()[0].toFixed(2)}`)
console.log(`direct plans + optimizer: median ${median(a).toFixed(2)} µs/event (min ${Math.min(...a).toFixed(2)}, max ${Math.max(...a).toFixed(2)})`)
console.log(`staged pipeline (train operator): median ${median(b).toFixed(2)} µs/event (min ${Math.min(...b).toFixed(2)}, max ${Math.max(...b).toFixed(2)})`)
console.log(`overhead of the pipeline: ${(median(b) - median(a)).toFixed(2)} µs/event (median of paired rounds: ${median(b.map((v, i) => v - a[i])).toFixed(2)})`)
