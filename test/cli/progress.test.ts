import { describe, expect, it } from 'vitest'
import { progress, progressLine } from '../../src/cli/train/progress.js'

const state = { epoch: 1, epochs: 3, events: 12345, step: 400, loss: 0.123456, done: 0.5 }

describe('progress', () => {
  it('shows epoch, events, events/s, step, loss, share done and an ETA', () => {
    expect(progressLine(state, 2000)).toBe('epoch 2/3  12,345 events  6,173 events/s  step 400  loss 0.1235  50.0%  ETA 0:02')
  })

  it('leaves out what it does not know', () => {
    expect(progressLine({ epoch: 0, epochs: 1, events: 10, step: 1, loss: Number.NaN }, 1000)).toBe('10 events  10 events/s  step 1')
  })

  it('redraws one line on a terminal, at most ten times a second, and clears it at the end', () => {
    let out = ''
    let now = 0
    const p = progress({ write: (s) => void (out += s), isTTY: true, columns: 80 }, () => now)

    for (now = 0; now <= 1000; now += 10) p.update(state)
    p.finish()

    expect(out.split('\r').filter((s) => s.includes('events')).length).toBe(10)
    expect(out.endsWith('\r')).toBe(true)
    expect(out).not.toContain('\n')
  })

  it('prints a plain line every few seconds when not on a terminal, and nothing when quiet', () => {
    let out = ''
    let now = 0
    const p = progress({ write: (s) => void (out += s), isTTY: false }, () => now, { everyMs: 5000 })
    const quiet = progress({ write: () => expect.unreachable(), isTTY: true }, () => now, { quiet: true })

    for (now = 0; now <= 20000; now += 100) {
      p.update(state)
      quiet.update(state)
    }

    expect(out.trim().split('\n')).toHaveLength(4)
  })

  it('says an update is due exactly when one would be shown, so callers may skip building the state', () => {
    let out = ''
    let now = 0
    const p = progress({ write: (s) => void (out += s), isTTY: false }, () => now, { everyMs: 5000 })
    const quiet = progress({ write: () => expect.unreachable(), isTTY: false }, () => now, { quiet: true })
    let dues = 0

    for (now = 0; now <= 20000; now += 100) {
      const before = out.length
      const due = p.due()
      p.update(state)
      expect(out.length > before).toBe(due)
      if (due) dues++
      expect(quiet.due()).toBe(false)
    }

    expect(dues).toBe(4)
  })
})
