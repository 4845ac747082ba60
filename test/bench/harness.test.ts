/** The benchmark harness's pieces on tiny inputs: data, result parsing, the report file, and the baseline's math. No timing. */
import { from, lastValueFrom, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { mlpOf } from '../../bench/contenders/job.js'
import { stackEvents } from '../../bench/contenders/jsonl.js'
import { regressionLines } from '../../bench/data/regression.js'
import { markers, withResults } from '../../bench/harness/benchmarksFile.js'
import { parseOptions } from '../../bench/harness/options.js'
import { isSkipped, parseChildResult, parseCliSummary, resultLine } from '../../bench/harness/result.js'
import { median, range } from '../../bench/harness/stats.js'
import { markdownTable, times } from '../../bench/harness/table.js'
import { plainMlp } from '../../bench/plain/mlp.js'
import { workloads } from '../../bench/workloads.js'
import { minibatches } from '../../src/pipeline/batching.js'
import { trainStep } from '../../src/pipeline/stages.js'
import { netOf, optimizerOf } from '../../src/spec/build.js'
import type { Spec } from '../../src/spec/spec.js'
import { key } from '../../src/tensor/random.js'
import { samples } from '../support/stream.js'

describe('the W1/W2 event stream', () => {
  it('is the same for the same seed, 16 inputs in [-1, 1] and a target inside (-1, 1)', () => {
    const a = regressionLines(50)
    expect(regressionLines(50)).toEqual(a)
    expect(regressionLines(50, 7)).not.toEqual(a)
    for (const line of a) {
      const e = JSON.parse(line) as { x: number[]; y: number }
      expect(e.x).toHaveLength(16)
      expect(e.x.every((v) => v >= -1 && v <= 1)).toBe(true)
      expect(Math.abs(e.y)).toBeLessThan(0.9)
    }
  })
})

describe('reading results back', () => {
  it('takes the last line of a child and round-trips what resultLine wrote', () => {
    const r = { events: 100, seconds: 0.5, accuracy: 0.9, maxRssKb: 1000, stages: { forward: 1.5 } }
    expect(parseChildResult(`noise\n${resultLine(r)}\n`)).toEqual(r)
    expect(isSkipped(parseChildResult('{"skipped": "no torch"}'))).toBe(true)
  })

  it('turns a missing or malformed result into an Error naming the problem', () => {
    expect(parseChildResult('Traceback ...')).toBeInstanceOf(Error)
    const bad = parseChildResult('{"result": {"events": 10, "seconds": 0}}')
    expect(bad).toBeInstanceOf(Error)
    expect((bad as Error).message).toContain('seconds')
  })

  it('reads the CLI summary: events from seconds × eventsPerSecond, accuracy from the test evaluation', () => {
    const metrics = [
      '{"step":1,"loss":2.3}',
      '{"summary":{"events":8004,"trained":8004,"deadLettered":0,"skipped":0,"steps":63,"seconds":4,"eventsPerSecond":2001,"test":{"examples":1996,"loss":0.5,"accuracy":0.83}}}',
    ].join('\n')
    expect(parseCliSummary(metrics, 2048)).toEqual({ events: 8004, seconds: 4, accuracy: 0.83, maxRssKb: 2048 })
    expect(parseCliSummary('{"step":1,"loss":2.3}\n')).toBeInstanceOf(Error)
  })
})

describe('the report', () => {
  it('replaces only the section between the markers, and appends one where there is none', () => {
    const file = `# Benchmarks\n\nprose\n\n${markers.begin}\nold\n${markers.end}\n\nafter\n`
    const next = withResults(file, 'new table')
    expect(next).toBe(`# Benchmarks\n\nprose\n\n${markers.begin}\nnew table\n${markers.end}\n\nafter\n`)
    expect(withResults(next, 'newer')).toContain(`${markers.begin}\nnewer\n${markers.end}`)
    expect(withResults('# Benchmarks\n', 'x')).toBe(`# Benchmarks\n\n${markers.begin}\nx\n${markers.end}\n`)
  })

  it('formats tables, ratios and order statistics', () => {
    expect(markdownTable(['a', 'b'], [['x|y', '1']])).toBe('| a | b |\n| --- | ---: |\n| x\\|y | 1 |')
    expect(times(0.523)).toBe('0.52×')
    expect(times(null)).toBe('–')
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 2, 3])).toBe(2.5)
    expect(range([3, 1, 2])).toEqual({ min: 1, max: 3 })
  })

  it('parses the command line: --only picks sections, --quick shortens, unknown names are refused', () => {
    const o = parseOptions(['--quick', '--only', 'W1,W3'])
    expect(o).not.toBeInstanceOf(Error)
    if (o instanceof Error) return
    expect([...o.only]).toEqual(['W1', 'W3'])
    expect(o.rounds).toBe(1)
    expect(o.fullDigits).toBe(false)
    expect(parseOptions(['--only', 'W9'])).toBeInstanceOf(Error)
  })
})

describe('the contenders read the workloads the same way', () => {
  it('sees W3 as 784-256-128-10 relu with a softmax head and W1 as 16-64-64-1 tanh', () => {
    const w3 = mlpOf(workloads.W3.spec, '/data', {}, 0)
    expect(w3).toMatchObject({ sizes: [784, 256, 128, 10], hidden: 'relu', head: 'softmax', batchSize: 128, momentum: 0.9, train: '/data/digits-train.jsonl' })
    expect(w3.names.map((n) => n.weight)).toEqual(['0.weight', '2.weight', '4.weight'])
    expect(mlpOf(workloads.W1.spec, '/data', {}, 3)).toMatchObject({ sizes: [16, 64, 64, 1], hidden: 'tanh', head: 'linear', batchSize: 1, budget: 3 })
  })
})

const softmaxRows = (z: Float32Array, width: number): Float32Array => {
  const p = new Float32Array(z.length)
  for (let r = 0; r < z.length; r += width) {
    const row = z.subarray(r, r + width)
    const max = Math.max(...row)
    const sum = row.reduce((s, v) => s + Math.exp(v - max), 0)
    row.forEach((v, j) => (p[r + j] = Math.exp(v - max) / sum))
  }
  return p
}

describe('the plain JavaScript baseline', () => {
  const spec = (layers: Spec['model']['layers'], loss: Spec['loss']): Spec => ({
    seed: 3,
    model: { inputs: 4, layers },
    loss,
    optimizer: { type: 'sgd', learningRate: 0.1, momentum: 0.9 },
    data: { train: { type: 'jsonl', path: 'unused.jsonl' }, batchSize: 4 },
  })
  const cases: readonly [string, Spec, (i: number) => number | number[]][] = [
    ['tanh and mse', spec([{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 1 }], { type: 'mse' }), (i) => Math.sin(i)],
    ['relu, softmax and cross-entropy', spec([{ type: 'dense', units: 8 }, { type: 'relu' }, { type: 'dense', units: 3 }, { type: 'softmax' }], { type: 'cross-entropy' }), (i) => i % 3],
  ]

  it.each(cases)('takes the steps streamprop takes (%s)', async (_, s, target) => {
    const events = Array.from({ length: 12 }, (_, i) => ({ x: [Math.cos(i), Math.sin(2 * i), (i % 5) / 5, -0.5], y: target(i) }))
    const net = netOf(s)
    const optimizer = optimizerOf(s.optimizer)
    const init = net.init(key(s.seed ?? 0))
    const job = mlpOf(s, '/', init, 0)
    const layout = { inputs: 4, outputs: job.sizes[job.sizes.length - 1], classes: job.head === 'softmax' }
    const mlp = plainMlp(job, job.names.map((n) => init[n.weight].data), job.names.map((n) => init[n.bias].data))
    for (let b = 0; b < 3; b++) {
      const batch = stackEvents(events.slice(4 * b, 4 * b + 4), layout)
      mlp.step(batch.x, batch.y, batch.n)
    }
    // streamprop's decoder one-hot encodes a class index; samples() takes the target rows as they are.
    const rows = events.map((e) => [e.x, layout.classes ? [0, 1, 2].map((c) => (c === e.y ? 1 : 0)) : [e.y as number]] as const)
    const batches = await lastValueFrom(from(samples(rows)).pipe(minibatches(4), toArray()))
    let state = { step: 0, params: init, optState: optimizer.init(init) }
    for (const batch of batches) {
      const [next] = await lastValueFrom(from([{ ...state, ...batch }]).pipe(trainStep(net, optimizer), toArray()))
      state = next
    }
    const probe = stackEvents(events, layout)
    const ours = net.predict({ shape: [12, 4], data: probe.x }, state.params).data
    // streamprop's model ends in its softmax; the baseline hands out logits for the fused loss.
    const theirs = layout.classes ? softmaxRows(mlp.predict(probe.x, 12), 3) : mlp.predict(probe.x, 12)
    expect(theirs).toBeCloseToArray(ours, 1e-5)
  })
})
