import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { lecture } from '../../../src/cli/lecture/registry.js'
import { listLecture, runLecture } from '../../../src/cli/lecture/run.js'
import { parseXml } from '../../support/xml.js'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'lecture-'))
  dirs.push(dir)
  return dir
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('runLecture and listLecture', () => {
  it('lists every example of the registry once, with a one-line summary', () => {
    const list = listLecture()

    expect(list.map((e) => e.name)).toEqual(Object.keys(lecture))
    expect(list.map((e) => e.name)).toEqual(
      expect.arrayContaining([
        ...['xor-exact', 'xor-linear', 'xor-learned', 'activations', 'output-units', 'saturation', 'mdn'],
        ...['universal-approximation', 'depth', 'parameters', 'linear-regions', 'derivative-graph'],
        ...['repeated-subexpressions', 'mlp-trace'],
      ]),
    )
    list.forEach((e) => expect(e.summary).toMatch(/^[^\n]{10,120}$/))
  })

  it('writes NAME.svg and pretty NAME.json for the named examples, in lecture order, reporting progress', async () => {
    const dir = join(tempDir(), 'nested', 'out')
    const lines: string[] = []

    const outputs = await runLecture(['mlp-trace', 'xor-exact'], dir, { onProgress: (l) => lines.push(l) })

    expect(outputs.map((o) => o.name)).toEqual(['xor-exact', 'mlp-trace'])
    expect(readdirSync(dir).sort()).toEqual(['mlp-trace.json', 'mlp-trace.svg', 'xor-exact.json', 'xor-exact.svg'])
    const text = readFileSync(join(dir, 'xor-exact.json'), 'utf8')
    expect(text).toMatch(/^\{\n {2}"network"/)
    expect((JSON.parse(text) as { outputs: number[] }).outputs).toEqual([0, 1, 1, 0])
    expect(parseXml(readFileSync(join(dir, 'mlp-trace.svg'), 'utf8')).name).toBe('svg')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toContain('[1/2] xor-exact')
  })

  it('rounds numbers in the files to six significant digits', async () => {
    const dir = tempDir()

    await runLecture(['xor-linear'], dir)

    const json = JSON.parse(readFileSync(join(dir, 'xor-linear.json'), 'utf8')) as { mse: number; outputs: number[] }
    expect(json.mse).toBe(0.25)
    json.outputs.forEach((v) => expect(v).toBe(0.5))
  })

  it('refuses unknown names before running anything, naming them and the known ones', async () => {
    const dir = join(tempDir(), 'never')

    await expect(runLecture(['xor-exact', 'xor-exakt'], dir)).rejects.toThrow(/unknown example xor-exakt; known: xor-exact, xor-linear/)
    expect(() => readdirSync(dir)).toThrow()
  })
})
