/**
 * A CSV row as an event line: the named columns become `{"x": [...], "y": ...}` in JSON, so CSV
 * and JSONL share one decoder. A row that cannot become an event gives a reason naming the
 * column, for its dead letter.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { csvCells } from './csvCells.js'

/** Which header columns hold the inputs and which the targets, in order. */
export interface CsvSpec {
  readonly x: readonly string[]
  readonly y: readonly string[]
}

/** The header's column names and the positions of the x and y columns in it. */
export interface CsvColumns {
  readonly header: readonly string[]
  readonly x: readonly number[]
  readonly y: readonly number[]
}

const quoted = (names: readonly string[]): string => names.map((n) => JSON.stringify(n)).join(', ')

/** The positions of the spec's columns in `header` (names compared after trimming), or which are missing. */
export const csvColumns = (header: readonly string[], spec: CsvSpec): E.Either<string, CsvColumns> => {
  const names = header.map((name) => name.trim())
  const missing = [...spec.x, ...spec.y].filter((name) => !names.includes(name))
  if (missing.length > 0) {
    const which = missing.length === 1 ? `column ${quoted(missing)} is` : `columns ${quoted(missing)} are`
    return E.left(`${which} not in the header (${quoted(names)})`)
  }
  // indexOf: with a repeated name, the first column of that name is used.
  return E.right({ header: names, x: spec.x.map((n) => names.indexOf(n)), y: spec.y.map((n) => names.indexOf(n)) })
}

// Decimal numbers only: Number() alone would also take '', '0x1f', 'Infinity' and ' '.
const decimal = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/** A cell's number, or why it is not one (non-finite values are refused as the contract asks). */
const cellNumber = (cell: string, name: string): E.Either<string, number> => {
  const text = cell.trim()
  const value = Number(text)
  const refuse = (expected: string) =>
    E.left(`column ${JSON.stringify(name)}: expected ${expected}, got ${JSON.stringify(cell)}`)
  if (!decimal.test(text)) return refuse('a number')
  if (!Number.isFinite(value)) return refuse('a finite number')
  return E.right(value)
}

const numbersAt = (
  cells: readonly string[],
  at: readonly number[],
  header: readonly string[],
): E.Either<string, number[]> => {
  const values: number[] = []
  for (const i of at) {
    const n = cellNumber(cells[i], header[i])
    if (E.isLeft(n)) return n
    values.push(n.right)
  }
  return E.right(values)
}

/**
 * The JSON event line for a row's cells. One y column gives a scalar `y` (a class index for
 * cross-entropy, a one-element target otherwise); no y columns leave `y` out (for `predict`).
 * A row whose cell count differs from the header's is refused: its values may sit in the wrong columns.
 */
export const csvToEvent = (cells: readonly string[], columns: CsvColumns): E.Either<string, string> => {
  const { header } = columns
  if (cells.length < header.length) {
    const missing = JSON.stringify(header[cells.length])
    return E.left(`column ${missing}: missing, the row has ${cells.length} cells and the header ${header.length}`)
  }
  if (cells.length > header.length) return E.left(`the row has ${cells.length} cells and the header ${header.length}`)
  const x = numbersAt(cells, columns.x, header)
  if (E.isLeft(x)) return x
  const y = numbersAt(cells, columns.y, header)
  if (E.isLeft(y)) return y
  const event = y.right.length === 0 ? { x: x.right } : { x: x.right, y: y.right.length === 1 ? y.right[0] : y.right }
  return E.right(JSON.stringify(event))
}

/** The columns of a header line; Left says what is wrong with it. */
export const csvHeader = (line: string, spec: CsvSpec, delimiter = ','): E.Either<string, CsvColumns> =>
  pipe(
    csvCells(line, delimiter),
    E.mapLeft(({ problem }) => `header: ${problem}`),
    E.flatMap((names) => csvColumns(names, spec)),
  )

/** The JSON event line for one CSV data line, or why it is not one, naming the column. */
export const csvLineToEvent = (line: string, columns: CsvColumns, delimiter = ','): E.Either<string, string> =>
  pipe(
    csvCells(line, delimiter),
    E.mapLeft(({ index, problem }) => `column ${JSON.stringify(columns.header[index] ?? `#${index + 1}`)}: ${problem}`),
    E.flatMap((cells) => csvToEvent(cells, columns)),
  )
