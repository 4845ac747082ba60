#!/usr/bin/env node
/** The contract's entry point: parses argv, runs the command, sets the exit code. Nothing imports it. */
import { processIo } from './cli/io.js'
import { main } from './cli/main.js'

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  },
)
