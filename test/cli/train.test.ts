import fs from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readJsonl, runCli, tempDir } from '../support/cli.js'

const spec = (data: object = {}, extra: object = {}) =>
  JSON.stringify({
    seed: 3,
    model: { inputs: 2, layers: [{ type: 'dense', units: 4 }, { type: 'tanh' }, { type: 'dense', units: 2 }, { type: 'softmax' }] },
    loss: { type: 'cross-entropy' },
    optimizer: { type: 'adam', learningRate: 0.05 },
    data: { train: { type: 'jsonl', path: 'train.jsonl' }, batchSize: 3, epochs: 2, ...data },
    ...extra,
  })

// 12 lines: 8 valid events, 2 blank lines, 2 bad ones (lines 4 and 9).
const events = [
  '{"x": [0, 0], "y": 0}',
  '{"x": [0, 1], "y": 1}',
  '{"x": [1, 0], "y": 1}',
  '{"x": [1, "1"], "y": 0}',
  '',
  '{"x": [0.5, 0.5], "y": 1}',
  '{"x": [0.2, 0.1], "y": 0}',
  '   ',
  '{"x": [1, 1], "y": 7}',
  '{"x": [0.9, 0.1], "y": 1}',
  '{"x": [0.1, 0.9], "y": 1}',
  '{"x": [1, 1], "y": 0}',
].join('\n')

describe('train: accounting, metrics and dead letters', () => {
  it('every line is trained on, dead-lettered or skipped, and the counts add up', async () => {
    const dir = tempDir({ 'spec.json': spec(), 'train.jsonl': `${events}\n` })

    const r = await runCli(['train', 'spec.json', '--metrics', 'm.jsonl', '--dead-letter', 'dl.jsonl', '--quiet'], { cwd: dir })

    expect(r.code).toBe(0)
    const metrics = readJsonl(join(dir, 'm.jsonl')) as Record<string, unknown>[]
    const steps = metrics.filter((m) => 'step' in m)
    // 8 valid events in batches of 3: 3 + 3 + 2 per epoch, steps counted over the whole run.
    expect(steps.map((m) => m.step)).toEqual([1, 2, 3, 4, 5, 6])
    steps.forEach((m) => expect(typeof m.loss).toBe('number'))
    const { summary } = metrics[metrics.length - 1] as { summary: Record<string, number> }
    expect(summary).toMatchObject({ events: 12, trained: 8, deadLettered: 2, skipped: 2 })
    expect(summary.events).toBe(summary.trained + summary.deadLettered + summary.skipped)
    expect(readJsonl(join(dir, 'dl.jsonl'))).toEqual([
      { line: 4, raw: '{"x": [1, "1"], "y": 0}', error: 'x[1]: expected a finite number, got "1"' },
      { line: 9, raw: '{"x": [1, 1], "y": 7}', error: 'y: expected a class index in 0..1, got 7' },
    ])
  })

  it('writes metrics at full float precision', async () => {
    const dir = tempDir({ 'spec.json': spec({ epochs: 1 }), 'train.jsonl': `${events}\n` })

    await runCli(['train', 'spec.json', '--metrics', 'm.jsonl', '--quiet'], { cwd: dir })

    const first = fs.readFileSync(join(dir, 'm.jsonl'), 'utf8').split('\n')[0]
    expect(first).toMatch(/^\{"step":1,"loss":\d\.\d{12,}\}$/)
  })

  it('epochs 0 writes the initial parameters', async () => {
    const dir = tempDir({ 'spec.json': spec({ epochs: 0 }), 'train.jsonl': `${events}\n` })

    const r = await runCli(['train', 'spec.json', '--out', 'init.safetensors', '--quiet'], { cwd: dir })

    expect(r.code).toBe(0)
    expect(fs.statSync(join(dir, 'init.safetensors')).size).toBeGreaterThan(0)
  })
})

describe('train: exact resume', () => {
  const bytes = (dir: string, f: string) => fs.readFileSync(join(dir, f))

  it.each([
    ['in order', {}],
    ['shuffled', { shuffle: true }],
  ])('two epochs in one run equal one epoch then a resumed second epoch, bit for bit (%s)', async (_, data) => {
    const dir = tempDir({ 'two.json': spec(data), 'one.json': spec({ ...data, epochs: 1 }), 'train.jsonl': `${events}\n` })

    await runCli(['train', 'two.json', '--out', 'a.safetensors', '--state', 'a.state', '--quiet'], { cwd: dir })
    await runCli(['train', 'one.json', '--state', 'half.state', '--quiet'], { cwd: dir })
    const r = await runCli(['train', 'two.json', '--resume', 'half.state', '--out', 'b.safetensors', '--state', 'b.state', '--metrics', 'm.jsonl', '--quiet'], { cwd: dir })

    expect(r.code).toBe(0)
    expect(bytes(dir, 'b.safetensors').equals(bytes(dir, 'a.safetensors'))).toBe(true)
    expect(bytes(dir, 'b.state').equals(bytes(dir, 'a.state'))).toBe(true)
    // The resumed run continues the step numbering.
    expect((readJsonl(join(dir, 'm.jsonl')) as { step?: number }[]).filter((m) => m.step !== undefined).map((m) => m.step)).toEqual([4, 5, 6])
  })

  it.each([
    ['in order', {}],
    ['shuffled', { shuffle: true }],
  ])('a state written mid-epoch by --checkpoint-every resumes to the same result (%s)', async (_, data) => {
    const dir = tempDir({ 'spec.json': spec(data), 'train.jsonl': `${events}\n` })

    await runCli(['train', 'spec.json', '--out', 'a.safetensors', '--quiet'], { cwd: dir })
    // Steps 1..6 in all; stop after step 4 (mid second epoch) with its state written by --checkpoint-every.
    await runCli(['train', 'spec.json', '--state', 'mid.state', '--checkpoint-every', '2', '--max-steps', '4', '--quiet'], { cwd: dir })
    const r = await runCli(['train', 'spec.json', '--resume', 'mid.state', '--out', 'b.safetensors', '--metrics', 'm.jsonl', '--quiet'], { cwd: dir })

    expect((readJsonl(join(dir, 'm.jsonl')) as { step?: number }[]).filter((m) => m.step !== undefined).map((m) => m.step)).toEqual([5, 6])
    expect(r.code).toBe(0)
    expect(bytes(dir, 'b.safetensors').equals(bytes(dir, 'a.safetensors'))).toBe(true)
  })

  it('a run stopped in the first pass continues its counts and dead letters from where it stopped', async () => {
    const dir = tempDir({ 'spec.json': spec(), 'train.jsonl': `${events}\n` })

    await runCli(['train', 'spec.json', '--out', 'a.safetensors', '--metrics', 'all.jsonl', '--quiet'], { cwd: dir })
    await runCli(['train', 'spec.json', '--state', 'first.state', '--dead-letter', 'dl1.jsonl', '--max-steps', '1', '--quiet'], { cwd: dir })
    await runCli(['train', 'spec.json', '--resume', 'first.state', '--out', 'b.safetensors', '--metrics', 'rest.jsonl', '--dead-letter', 'dl2.jsonl', '--quiet'], { cwd: dir })

    expect(bytes(dir, 'b.safetensors').equals(bytes(dir, 'a.safetensors'))).toBe(true)
    const summary = (f: string) => (readJsonl(join(dir, f)).pop() as { summary: object }).summary
    expect(summary('rest.jsonl')).toMatchObject({ events: 12, trained: 8, deadLettered: 2, skipped: 2 })
    expect(summary('rest.jsonl')).toMatchObject({ ...summary('all.jsonl'), seconds: expect.any(Number), eventsPerSecond: expect.any(Number) })
    expect(readJsonl(join(dir, 'dl1.jsonl'))).toEqual([])
    expect((readJsonl(join(dir, 'dl2.jsonl')) as { line: number }[]).map((d) => d.line)).toEqual([4, 9])
  })
})

describe('train: early stopping and the non-finite policy', () => {
  it('--patience stops when the test loss stops improving and --out holds the best parameters', async () => {
    // A learning rate this large makes the test loss rise after a few steps.
    const dir = tempDir({
      'spec.json': spec({ test: { type: 'jsonl', path: 'train.jsonl' }, epochs: 50 }, { optimizer: { type: 'sgd', learningRate: 40 } }),
      'train.jsonl': `${events}\n`,
    })

    const r = await runCli(['train', 'spec.json', '--patience', '3', '--eval-every', '1', '--out', 'best.safetensors', '--metrics', 'm.jsonl'], { cwd: dir })

    expect(r.code).toBe(0)
    const metrics = readJsonl(join(dir, 'm.jsonl')) as { evaluation?: { step: number; loss: number }; summary?: { steps: number; bestStep: number; stopped: string } }[]
    const { summary } = metrics[metrics.length - 1] as { summary: { steps: number; bestStep: number; stopped: string } }
    const evaluations = metrics.flatMap((m) => (m.evaluation ? [m.evaluation] : []))
    const bestLoss = Math.min(...evaluations.map((e) => e.loss))
    expect(summary.stopped).toBe('patience')
    expect(summary.steps).toBeLessThan(50 * 3)
    expect(evaluations.find((e) => e.loss === bestLoss)?.step).toBe(summary.bestStep)
    const evaluated = await runCli(['eval', 'spec.json', '--checkpoint', 'best.safetensors'], { cwd: dir })
    expect((JSON.parse(evaluated.stdout) as { loss: number }).loss).toBe(bestLoss)
    expect(r.stdout).toContain(`stopped early: no better test loss in 3 evaluations; the best was at step ${summary.bestStep}`)
  })

  it('--non-finite stop ends the run at the first refused step with exit 1; skip (the default) goes on', async () => {
    const poisoned = `${events}\n{"x": [1e38, 1e38], "y": 1}\n{"x": [0, 1], "y": 1}\n{"x": [1, 0], "y": 1}\n`
    const huge = { model: { inputs: 2, layers: [{ type: 'dense', units: 2 }, { type: 'softmax' }] } }
    const dir = tempDir({ 'spec.json': spec({ batchSize: 1, epochs: 1 }, { ...huge, optimizer: { type: 'sgd', learningRate: 1e10 } }), 'train.jsonl': poisoned })

    const skipped = await runCli(['train', 'spec.json', '--metrics', 'skip.jsonl', '--quiet'], { cwd: dir })
    const stopped = await runCli(['train', 'spec.json', '--metrics', 'stop.jsonl', '--quiet', '--non-finite', 'stop'], { cwd: dir })

    const summaryOf = (f: string) => (readJsonl(join(dir, f)).pop() as { summary: { refused: number; steps: number; stopped?: string } }).summary
    expect(skipped.code).toBe(0)
    expect(summaryOf('skip.jsonl').refused).toBeGreaterThan(0)
    expect(stopped.code).toBe(1)
    expect(stopped.stderr).toMatch(/^train: stopped after step \d+: a step had a non-finite loss or gradient/)
    expect(summaryOf('stop.jsonl')).toMatchObject({ refused: 1, stopped: 'nonFinite' })
  })
})
