#!/usr/bin/env node
/** The contract's entry point: parses argv, runs the command, sets the exit code. Nothing imports it. */
import { processIo } from './cli/io.js'
import { main } from './cli/main.js'

// A closed stdout (`streamprop inspect --graph | head`) is the environment failing: one line, exit 1.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  process.stderr.write(`${error.code === 'EPIPE' ? 'stdout was closed' : error.message}\n`)
  process.exit(1)
})

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  },
)
