/**
 * Splits one CSV line into cells, RFC 4180 quoting within the line: a quoted cell may hold the
 * delimiter and doubled quotes (`""` is one `"`). A quote inside an unquoted cell is kept as
 * text. A quoted cell left open at the end of the line is a problem of that row, not joined with
 * the next line, so every line stays one record with its own number.
 */
import * as E from 'fp-ts/lib/Either.js'

/** Why a line is not a row of cells: the 0-based index of the cell and what is wrong with it. */
export interface CellProblem {
  readonly index: number
  readonly problem: string
}

/** The cells of `line`, or the first cell that cannot be read. */
export const csvCells = (line: string, delimiter = ','): E.Either<CellProblem, readonly string[]> => {
  if (delimiter === '' || delimiter.includes('"')) {
    throw new RangeError(`csvCells: bad delimiter ${JSON.stringify(delimiter)}`)
  }
  const cells: string[] = []
  let i = 0
  for (;;) {
    if (line.charCodeAt(i) === 0x22) {
      let cell = ''
      i += 1
      for (;;) {
        const quote = line.indexOf('"', i)
        if (quote < 0) return E.left({ index: cells.length, problem: 'quoted cell not closed on its line' })
        cell += line.slice(i, quote)
        i = quote + 1
        if (line.charCodeAt(i) !== 0x22) break
        cell += '"'
        i += 1
      }
      cells.push(cell)
      if (i === line.length) return E.right(cells)
      if (!line.startsWith(delimiter, i)) {
        return E.left({ index: cells.length - 1, problem: 'text after the closing quote' })
      }
      i += delimiter.length
    } else {
      const next = line.indexOf(delimiter, i)
      if (next < 0) {
        cells.push(line.slice(i))
        return E.right(cells)
      }
      cells.push(line.slice(i, next))
      i = next + delimiter.length
    }
  }
}
