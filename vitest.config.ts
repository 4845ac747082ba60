import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    // The README's examples import the package by name, as a user would.
    alias: {
      'streamprop/testing': fileURLToPath(new URL('./src/testing.ts', import.meta.url)),
      streamprop: fileURLToPath(new URL('./src/api.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/matchers.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    testTimeout: 30_000,
  },
})
