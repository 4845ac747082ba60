import { describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../support/cli.js'

const valid = {
  seed: 1,
  model: { inputs: 2, layers: [{ type: 'dense', units: 2 }, { type: 'relu' }, { type: 'dense', units: 1 }] },
  loss: { type: 'mse' },
  optimizer: { type: 'sgd', learningRate: 0.1 },
  data: { train: { type: 'jsonl', path: 'train.jsonl' }, batchSize: 2 },
}

describe('the CLI reports problems as the contract says', () => {
  it('a bad spec: exit 2, one line per problem naming its path, no stack trace', async () => {
    const bad = {
      ...valid,
      model: { inputs: 2, layers: [{ type: 'dense', units: 0 }, { type: 'rleu' }, { type: 'dense', units: -3 }] },
      optimizer: { type: 'sgd', learningRate: '0.1', momentun: 0.9 },
    }
    const dir = tempDir({ 'bad.json': JSON.stringify(bad) })

    const r = await runCli(['train', 'bad.json'], { cwd: dir })

    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toEqual([
      'bad.json: model.layers[0].units: expected a positive integer, got 0',
      expect.stringMatching(/^bad\.json: model\.layers\[1\]\.type: expected one of dense, relu, .*got "rleu"$/),
      'bad.json: model.layers[2].units: expected a positive integer, got -3',
      'bad.json: optimizer.learningRate: expected a non-negative number, got "0.1"',
      'bad.json: optimizer.momentun: unknown field, got 0.9',
    ])
    expect(r.stderr).not.toContain('    at ')
  })

  it('invalid JSON in the spec: exit 2 with where it goes wrong', async () => {
    const dir = tempDir({ 'broken.json': '{"seed": 1,,}' })

    const r = await runCli(['inspect', 'broken.json'], { cwd: dir })

    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^broken\.json: .*column 12/)
  })

  it('a missing spec file: exit 1, naming the file', async () => {
    const dir = tempDir()

    const r = await runCli(['train', 'nope.json'], { cwd: dir })

    expect(r.code).toBe(1)
    expect(r.stderr).toBe(`cannot read ${dir}/nope.json: no such file or directory\n`)
  })

  it('a missing data file: exit 1, naming the resolved path', async () => {
    const dir = tempDir({ 'spec.json': JSON.stringify(valid) })

    const r = await runCli(['train', 'spec.json', '--quiet'], { cwd: dir })

    expect(r.code).toBe(1)
    expect(r.stderr).toBe(`cannot read ${dir}/train.jsonl: no such file or directory\n`)
  })

  it.each([
    [['frobnicate'], /^unknown command "frobnicate"; the commands are train, predict, eval, inspect, gradcheck/],
    [['train', 'a.json', '--outt', 'x'], /^train: Unknown option '--outt'/],
    [['train'], /^train: expected one spec file, got 0/],
    [['train', 'a.json', '--checkpoint-every', '0', '--state', 's'], /^train: --checkpoint-every expects a positive integer, got "0"/],
    [['train', 'a.json', '--checkpoint-every', '5'], /^train: --checkpoint-every needs --state FILE/],
    [['predict', 'a.json'], /^predict: expected a spec file and --checkpoint FILE/],
  ])('bad arguments %j: exit 2 with one line', async (argv, message) => {
    const r = await runCli(argv)

    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('--init with --resume is an error (exit 2)', async () => {
    const dir = tempDir({ 'spec.json': JSON.stringify(valid), 'train.jsonl': '{"x":[0,1],"y":1}\n' })

    const r = await runCli(['train', 'spec.json', '--init', 'a.safetensors', '--resume', 'b.safetensors'], { cwd: dir })

    expect(r.code).toBe(2)
    expect(r.stderr).toBe('train: --init and --resume cannot be used together\n')
  })

  it('every command has --help', async () => {
    for (const c of ['train', 'predict', 'eval', 'inspect', 'gradcheck']) {
      const r = await runCli([c, '--help'])
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(new RegExp(`^usage: streamprop ${c} `))
    }
  })
})
