/**
 * The CLI's two kinds of failure, mapped to the contract's exit codes by `cli.ts`: a bad spec or
 * bad arguments (2), and a runtime failure such as an unreadable file (1). Each carries the lines
 * to print, one problem per line, without a stack trace.
 */

/** Exit codes are part of the contract. */
export const exitCodes = { ok: 0, failed: 1, badSpec: 2 } as const

/** A problem with what the user asked for: exit 2. */
export class BadRequest extends Error {
  override readonly name = 'BadRequest'
  /** One line per problem. */
  readonly lines: readonly string[]
  constructor(lines: readonly string[]) {
    super(lines.join('\n'))
    this.lines = lines
  }
}

/** A failure while running (unreadable file, bad checkpoint, broker unreachable): exit 1. */
export class RunFailure extends Error {
  override readonly name = 'RunFailure'
  /** One line per problem. */
  readonly lines: readonly string[]
  constructor(lines: string | readonly string[]) {
    const all = typeof lines === 'string' ? [lines] : lines
    super(all.join('\n'))
    this.lines = all
  }
}

/** The exit code and the lines to print for anything a command threw. */
export const describeFailure = (error: unknown): { readonly code: number; readonly lines: readonly string[] } => {
  if (error instanceof BadRequest) return { code: exitCodes.badSpec, lines: error.lines }
  if (error instanceof RunFailure) return { code: exitCodes.failed, lines: error.lines }
  if (error instanceof Error) return { code: exitCodes.failed, lines: [error.message.split('\n')[0] || error.name] }
  return { code: exitCodes.failed, lines: [String(error)] }
}
