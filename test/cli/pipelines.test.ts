import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runCli } from '../support/cli.js'

const specs = fs.readdirSync('pipelines').filter((f) => f.endsWith('.json') || f.endsWith('.ts'))

describe('the shipped pipelines', () => {
  it('include xor, digits, iris, a drifting stream and a mixture density problem', () => {
    expect(specs).toEqual(expect.arrayContaining(['xor.json', 'digits.json', 'iris.json', 'drift.json', 'inverse-mdn.json']))
  })

  it.each(specs)('%s decodes, and its symbolic gradient agrees with finite differences', async (spec) => {
    const r = await runCli(['gradcheck', `pipelines/${spec}`, '--entries', '5'])

    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
  })

  it('iris trains to at least 90% test accuracy', async () => {
    const r = await runCli(['train', 'pipelines/iris.json', '--quiet', '--metrics', '/tmp/streamprop-iris-metrics.jsonl'])

    const lines = fs.readFileSync('/tmp/streamprop-iris-metrics.jsonl', 'utf8').trim().split('\n')
    const { summary } = JSON.parse(lines[lines.length - 1]) as { summary: { test: { accuracy: number } } }
    expect(r.code).toBe(0)
    expect(summary.test.accuracy).toBeGreaterThanOrEqual(0.9)
  })
})
