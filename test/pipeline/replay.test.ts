import { describe, expect, it } from 'vitest'
import { expectReplay, readRecording, replayThrough } from '../../src/testing.js'
import { sensorPipeline } from '../../fixtures/sensor-stream/pipeline.js'

const recording = 'fixtures/sensor-stream/recording.jsonl'
const expected = 'fixtures/sensor-stream/expected.seed7.jsonl'

describe('replaying a recorded stream on virtual time (fixtures/sensor-stream)', () => {
  it('reproduces the recorded steps and dead letters of seed 7 exactly', () => {
    const outcome = expectReplay({ recording, pipeline: sensorPipeline(7), expected })

    expect(outcome.mismatch).toBeNull()
    expect(outcome.actual.length).toBeGreaterThan(100)
  })

  it('covers the whole recorded hour on a virtual clock', () => {
    const records = readRecording(recording)

    const outcome = replayThrough({ recording, pipeline: sensorPipeline(7), expected })

    expect(records[records.length - 1].t).toBeGreaterThan(3_500_000)
    expect(outcome.virtualMs).toBeGreaterThanOrEqual(records[records.length - 1].t)
  })

  it('is a function of the seed: the same seed twice agrees, another seed differs', () => {
    const a = replayThrough({ recording, pipeline: sensorPipeline(7), expected })
    const b = replayThrough({ recording, pipeline: sensorPipeline(7), expected })
    const c = replayThrough({ recording, pipeline: sensorPipeline(8), expected })

    expect(b.actual).toEqual(a.actual)
    expect(c.mismatch).toMatch(/^output 1 of \d+ \(expected \d+\): got \{"step":1,"loss":/)
  })

  it('diverts malformed lines with their line and reason, in arrival order', () => {
    const outcome = replayThrough({ recording, pipeline: sensorPipeline(7), expected })

    const dead = outcome.actual.filter((o): o is { dead: { line: number; error: string } } => typeof o === 'object' && o !== null && 'dead' in o)
    expect(dead.map((d) => d.dead.line)).toEqual([51, 118, 185, 252, 319, 386])
    expect(dead[0].dead.error).toBe('x[2]: expected a finite number, got "NaN"')
  })

  it('windows follow the recorded clock: a 30 s window never spans more than 30 s of arrivals', () => {
    const records = readRecording(recording)
    const at = new Map(records.map((r) => [r.line, r.t]))

    const outcome = replayThrough({ recording, pipeline: sensorPipeline(7), expected })

    const steps = outcome.actual.filter((o): o is { lines: number[] } => typeof o === 'object' && o !== null && 'lines' in o)
    for (const s of steps) {
      const times = s.lines.map((l) => at.get(l) as number)
      expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(30_000)
      expect(s.lines.length).toBeLessThanOrEqual(16)
    }
  })
})
