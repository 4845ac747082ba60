import fs from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { runCli } from './support/cli.js'

const readme = fs.readFileSync('README.md', 'utf8')
const blocks = (lang: string): string[] => [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1])
const cliPrefix = 'npx tsx src/cli.ts '

describe('README', () => {
  it('shows the two-command quick start and the test command', () => {
    const shell = blocks('sh').join('\n')

    expect(shell).toContain('npm ci && npm start')
    expect(shell).toContain('npm test')
  })

  it('npm start runs a train command that works (run here for 20 steps)', async () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
    const start = pkg.scripts.start.split(' ')

    expect(start.slice(0, 3)).toEqual(['tsx', 'src/cli.ts', 'train'])
    const r = await runCli([...start.slice(2), '--max-steps', '20', '--quiet'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
  })

  const commands = blocks('sh')
    .flatMap((b) => b.split('\n'))
    .filter((l) => l.startsWith(cliPrefix))
  it.each(commands)('runs `%s`', async (line) => {
    const r = await runCli(line.slice(cliPrefix.length).split(/\s+/))

    // Progress lines may go to stderr; problems would make the exit code non-zero.
    expect(r.stderr).not.toMatch(/error|cannot|unknown/i)
    expect(r.code).toBe(0)
  })

  it.each(blocks('ts').map((code, i) => [i, code] as const))('runs TypeScript example %i', async (i, code) => {
    const file = `test/.readme-example-${i}.ts`
    fs.writeFileSync(file, code)
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    try {
      await import(/* @vite-ignore */ `${process.cwd()}/${file}`)
      expect(log).toHaveBeenCalled()
      expect(String(log.mock.calls[0][0])).toMatch(/^step 1000: loss \d\.\d+e-\d+, 4000 gradient norms watched$/)
    } finally {
      log.mockRestore()
      fs.rmSync(file, { force: true })
    }
  })
})
