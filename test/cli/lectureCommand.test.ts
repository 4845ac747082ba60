import fs from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../support/cli.js'

const names = ['xor-exact', 'xor-linear', 'xor-learned', 'activations', 'output-units', 'saturation', 'mdn', 'universal-approximation', 'depth', 'parameters', 'linear-regions', 'derivative-graph', 'repeated-subexpressions', 'mlp-trace']

describe('streamprop lecture', () => {
  it('--list names every example of the issue with one line each', async () => {
    const r = await runCli(['lecture', '--list'])

    expect(r.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0])).toEqual(names)
  })

  it('writes NAME.svg and NAME.json for each NAME asked for', async () => {
    const dir = tempDir()

    const r = await runCli(['lecture', 'xor-exact', 'repeated-subexpressions', '--out', 'pics', '--quiet'], { cwd: dir })

    expect(r.code).toBe(0)
    expect(fs.readdirSync(join(dir, 'pics')).sort()).toEqual(['repeated-subexpressions.json', 'repeated-subexpressions.svg', 'xor-exact.json', 'xor-exact.svg'])
    expect((JSON.parse(fs.readFileSync(join(dir, 'pics', 'xor-exact.json'), 'utf8')) as { outputs: number[] }).outputs).toEqual([0, 1, 1, 0])
  })

  it('refuses an unknown name before running anything (exit 2)', async () => {
    const r = await runCli(['lecture', 'xor-exact', 'nope'])

    expect(r.code).toBe(2)
    expect(r.stderr).toBe('lecture: unknown example nope; see streamprop lecture --list\n')
  })
})
