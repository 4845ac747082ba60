import fs from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../support/cli.js'

const xorSpec = JSON.stringify({
  seed: 1,
  model: { inputs: 2, layers: [{ type: 'dense', units: 8 }, { type: 'relu' }, { type: 'dense', units: 1 }] },
  loss: { type: 'mse' },
  optimizer: { type: 'sgd', learningRate: 0.1, momentum: 0.9 },
  data: { train: { type: 'jsonl', path: 'xor.jsonl' }, test: { type: 'jsonl', path: 'xor.jsonl' }, batchSize: 4, epochs: 300 },
})
const xor = '{"x": [0, 0], "y": 0}\n{"x": [0, 1], "y": 1}\n{"x": [1, 0], "y": 1}\n{"x": [1, 1], "y": 0}\n'

const trained = async () => {
  const dir = tempDir({ 'xor.json': xorSpec, 'xor.jsonl': xor })
  const r = await runCli(['train', 'xor.json', '--out', 'model.safetensors', '--quiet'], { cwd: dir })
  expect(r.code).toBe(0)
  return dir
}

describe('predict', () => {
  it('prints one line per input line, in order, with errors in place', async () => {
    const dir = await trained()
    fs.writeFileSync(join(dir, 'in.jsonl'), '{"x": [0, 1]}\n{"x": [1]}\n\n{"x": [1, 1], "y": 5}\nnot json\n')

    const r = await runCli(['predict', 'xor.json', '--checkpoint', 'model.safetensors', '--input', 'in.jsonl'], { cwd: dir })

    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { y?: number[]; error?: string })
    expect(r.code).toBe(0)
    expect(out).toHaveLength(5)
    expect(out[0].y?.[0]).toBeCloseTo(1, 3)
    expect(out[1]).toEqual({ error: 'x: expected 2 numbers, got 1' })
    expect(out[2]).toEqual({ error: 'blank line' })
    expect(out[3].y?.[0]).toBeCloseTo(0, 3)
    expect(out[4].error).toMatch(/^invalid JSON/)
  })

  it('reads stdin without --input', async () => {
    const dir = await trained()

    const r = await runCli(['predict', 'xor.json', '--checkpoint', 'model.safetensors'], { cwd: dir, stdin: '{"x":[1,0]}\n{"x":[0,0]}\n' })

    expect(r.stdout.trim().split("\n").map((l) => Math.round((JSON.parse(l) as { y: number[] }).y[0]) + 0)).toEqual([1, 0])
  })

  it('refuses a checkpoint of another model, naming the differences (exit 1)', async () => {
    const dir = await trained()
    const other = JSON.parse(xorSpec) as { model: { layers: { type: string; units?: number }[] } }
    other.model.layers[0].units = 4
    fs.writeFileSync(join(dir, 'other.json'), JSON.stringify(other))

    const r = await runCli(['predict', 'other.json', '--checkpoint', 'model.safetensors'], { cwd: dir })

    expect(r.code).toBe(1)
    expect(r.stderr).toContain('0.weight: expected shape [4,2], got [8,2]')
  })

  it('refuses a truncated checkpoint with a clear error (exit 1)', async () => {
    const dir = await trained()
    const bytes = fs.readFileSync(join(dir, 'model.safetensors'))
    fs.writeFileSync(join(dir, 'cut.safetensors'), bytes.subarray(0, bytes.length - 10))

    const r = await runCli(['predict', 'xor.json', '--checkpoint', 'cut.safetensors'], { cwd: dir })

    expect(r.code).toBe(1)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/cut\.safetensors: .*(truncated|past the end)/)
  })
})

describe('eval', () => {
  it('prints the metrics of a checkpoint on the spec’s test source', async () => {
    const dir = await trained()

    const r = await runCli(['eval', 'xor.json', '--checkpoint', 'model.safetensors'], { cwd: dir })

    const result = JSON.parse(r.stdout) as { examples: number; loss: number; events: number }
    expect(r.code).toBe(0)
    expect(result.examples).toBe(4)
    expect(result.loss).toBeLessThan(1e-4)
  })
})

describe('inspect', () => {
  it('summarizes layers, output shapes and parameter counts', async () => {
    const dir = tempDir({ 'xor.json': xorSpec })

    const r = await runCli(['inspect', 'xor.json'], { cwd: dir })

    expect(r.stdout).toContain('0 dense  (batch, 8)        24  0.weight, 0.bias')
    expect(r.stdout).toContain('parameters: 33')
  })

  it('--graph prints the forward and the derivative graph as DOT', async () => {
    const dir = tempDir({ 'xor.json': xorSpec })

    const r = await runCli(['inspect', 'xor.json', '--graph'], { cwd: dir })

    expect(r.stdout.match(/^digraph "(\w+)" \{$/gm)).toEqual(['digraph "forward" {', 'digraph "derivative" {'])
    expect(r.stdout).toContain('∂J/∂0.weight')
  })
})

describe('gradcheck', () => {
  it('agrees for a spec and exits 0', async () => {
    const dir = tempDir({ 'xor.json': xorSpec })

    const r = await runCli(['gradcheck', 'xor.json'], { cwd: dir })

    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^ok: largest error/m)
  })
})

describe('a spec as a TypeScript module', () => {
  it('trains from a module exporting the structure', async () => {
    const dir = tempDir({ 'xor.jsonl': xor })
    const base = JSON.parse(xorSpec) as object
    fs.writeFileSync(join(dir, 'wide.ts'), `const base = ${JSON.stringify(base)}\nexport default { ...base, data: { ...base.data, epochs: 50 } }\n`)

    const r = await runCli(['train', 'wide.ts', '--metrics', 'm.jsonl', '--quiet'], { cwd: dir })

    expect(r.code).toBe(0)
    expect(fs.readFileSync(join(dir, 'm.jsonl'), 'utf8')).toContain('"steps":50')
  })

  it('reports a module whose export is not a spec like a bad JSON spec', async () => {
    const dir = tempDir({ 'bad.ts': 'export const spec = { seed: "x" }\n' })

    const r = await runCli(['inspect', 'bad.ts'], { cwd: dir })

    expect(r.code).toBe(2)
    expect(r.stderr).toContain('bad.ts: seed: expected an integer, got "x"')
  })
})
