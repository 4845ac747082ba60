/** One-line descriptions of file-system failures, naming the resolved path (the contract's exit-1 message). */

const reasons: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
}

/** `cannot read /abs/path: no such file or directory` for a failed open or read of `resolved`. */
export const readError = (resolved: string, error: unknown): Error => {
  const code = (error as NodeJS.ErrnoException | null)?.code
  const reason = (code !== undefined && reasons[code]) || (error instanceof Error ? error.message : String(error))
  return new Error(`cannot read ${resolved}: ${reason}`, { cause: error })
}
