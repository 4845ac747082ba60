import { from, lastValueFrom, pipe, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { sgd } from '../../src/optim/sgd.js'
import { minibatches } from '../../src/pipeline/batching.js'
import { type Metric, timed, watchActivations, watchGradients, watchLoss, watchThroughput } from '../../src/pipeline/monitors.js'
import { backward, forward, update } from '../../src/pipeline/stages.js'
import { train } from '../../src/pipeline/train.js'
import { globalNorm } from '../../src/tensor/params.js'
import { key } from '../../src/tensor/random.js'
import { smallNet, xorSamples } from '../support/stream.js'

describe('monitors tap a stage without changing what flows', () => {
  it('report stage times, loss, gradient norms, activation statistics and throughput', async () => {
    const net = smallNet()
    const tx = sgd({ learningRate: 0.1 })
    const params = net.init(key(4))
    const metrics: Metric[] = []
    const sink = { next: (m: Metric) => metrics.push(m) }
    let now = 0
    const clock = () => (now += 5)
    const watched = pipe(
      timed('forward', forward<unknown>(net), sink, clock),
      watchActivations<unknown>(net, sink),
      timed('backward', backward<unknown>(net), sink, clock),
      watchGradients<unknown>(sink),
      timed('update', update<unknown>(tx), sink, clock),
    )
    const plain = pipe(forward<unknown>(net), backward<unknown>(net), update<unknown>(tx))
    const run = (step: typeof plain) =>
      lastValueFrom(from(xorSamples(2)).pipe(minibatches(2), train({ step: 0, params, optState: tx.init(params) }, { net, optimizer: tx, frozen: new Set() }, { step: () => step }), toArray()))

    const steps = await run(watched)
    await lastValueFrom(from(steps).pipe(watchLoss(sink), watchThroughput(sink, 2, clock), toArray()))

    const reference = await run(plain)
    steps.forEach((s, i) => expect(s.params).toEqual(reference[i].params))
    expect(metrics.filter((m) => m.type === 'stage').map((m) => m.type === 'stage' && [m.stage, m.step, m.ms])).toEqual(
      [0, 1, 2, 3].flatMap((step) => [
        ['forward', step, 5],
        ['backward', step, 5],
        ['update', step, 5],
      ]),
    )
    const norms = metrics.filter((m) => m.type === 'gradNorm')
    expect(norms.map((m) => m.type === 'gradNorm' && m.param).slice(0, 4)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias'])
    const [first] = await lastValueFrom(from(xorSamples()).pipe(minibatches(2), toArray()))
    const firstGrads = net.backward(net.forward(first.x, first.y, params), first.x, first.y, params)
    const total = Math.sqrt(norms.slice(0, 4).reduce((s, m) => s + (m.type === 'gradNorm' ? m.norm ** 2 : 0), 0))
    expect(total).toBeCloseTo(globalNorm(firstGrads), 6)
    const activations = metrics.filter((m) => m.type === 'activations' && m.step === 0)
    expect(activations.map((m) => m.type === 'activations' && [m.layer, m.kind])).toEqual([
      ['0', 'dense'],
      ['1', 'relu'],
      ['2', 'dense'],
    ])
    expect(metrics.filter((m) => m.type === 'loss').map((m) => m.type === 'loss' && m.step)).toEqual([1, 2, 3, 4])
    const throughput = metrics.filter((m) => m.type === 'throughput')
    expect(throughput.map((m) => m.type === 'throughput' && m.events)).toEqual([4, 8])
  })
})
