import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/matchers.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    testTimeout: 30_000,
  },
})
