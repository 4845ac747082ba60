import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'

const bin = 'dist/bin/cli.js'

describe('the installed command (the bundle in dist/bin, built by npm ci / npm run build)', () => {
  it('exists', () => {
    expect(fs.existsSync(bin), `${bin} is missing: run npm run build`).toBe(true)
  })

  it('prints its version and trains a spec, from any folder', () => {
    const version = JSON.parse(fs.readFileSync('package.json', 'utf8')).version as string

    const printed = execFileSync(process.execPath, [`${process.cwd()}/${bin}`, '--version'], { cwd: '/', encoding: 'utf8' })
    const trained = execFileSync(process.execPath, [`${process.cwd()}/${bin}`, 'train', `${process.cwd()}/pipelines/xor.json`], { cwd: '/', encoding: 'utf8' })

    expect(printed.trim()).toBe(version)
    expect(trained).toMatch(/^trained 300 steps on 4 events per pass/)
  })
})
