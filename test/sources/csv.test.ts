import * as E from 'fp-ts/lib/Either.js'
import { lastValueFrom, toArray } from 'rxjs'
import { afterAll, describe, expect, it } from 'vitest'
import { csvRecords } from '../../src/sources/csv.js'
import { csvCells } from '../../src/sources/csvCells.js'
import { type CsvColumns, csvColumns, csvHeader, csvLineToEvent, csvToEvent } from '../../src/sources/csvEvent.js'
import { tempFolder } from './temp.js'

const temp = tempFolder()
afterAll(temp.cleanup)

const right = <A>(e: E.Either<unknown, A>): A => {
  if (E.isLeft(e)) throw new Error(`expected Right, got Left ${JSON.stringify(e.left)}`)
  return e.right
}

describe('csvCells', () => {
  it.each([
    ['plain cells', 'a,b,c', ['a', 'b', 'c']],
    ['a quoted delimiter', '"a,b",c', ['a,b', 'c']],
    ['doubled quotes', '"say ""hi""",""', ['say "hi"', '']],
    ['an empty line', '', ['']],
    ['a trailing delimiter', '1,2,', ['1', '2', '']],
    ['a quote inside an unquoted cell', 'a"b,c', ['a"b', 'c']],
    ['spaces kept', ' 1 , "2" ', [' 1 ', ' "2" ']],
  ])('reads %s', (_, line, cells) => {
    expect(csvCells(line)).toEqual(E.right(cells))
  })

  it('takes another delimiter', () => {
    expect(csvCells('1;"a;b";3', ';')).toEqual(E.right(['1', 'a;b', '3']))
  })

  it.each([
    ['an unclosed quote', 'a,"b,c', { index: 1, problem: 'quoted cell not closed on its line' }],
    ['text after a closing quote', '"a"b,c', { index: 0, problem: 'text after the closing quote' }],
  ])('reports %s with the cell', (_, line, problem) => {
    expect(csvCells(line)).toEqual(E.left(problem))
  })
})

describe('csv rows as events', () => {
  const columns: CsvColumns = right(csvColumns(['a', ' b ', 'c', 'label'], { x: ['a', 'b'], y: ['label'] }))

  it('names every column missing from the header', () => {
    expect(csvColumns(['a', 'b'], { x: ['a', 'z'], y: ['w'] })).toEqual(
      E.left('columns "z", "w" are not in the header ("a", "b")'),
    )
    expect(csvColumns(['a', 'b'], { x: ['a'], y: ['w'] })).toEqual(E.left('column "w" is not in the header ("a", "b")'))
  })

  it.each([
    ['one y column as a scalar', ['1', ' -2.5e1 ', 'text', '2'], { x: ['a', 'b'], y: ['label'] }, '{"x":[1,-25],"y":2}'],
    ['several y columns as a vector', ['1', '2', '3', '4'], { x: ['a'], y: ['c', 'label'] }, '{"x":[1],"y":[3,4]}'],
    ['no y columns without y', ['1', '.5', '3', '4'], { x: ['b', 'a'], y: [] }, '{"x":[0.5,1]}'],
  ])('builds %s', (_, cells, spec, event) => {
    expect(csvToEvent(cells, right(csvColumns(['a', 'b', 'c', 'label'], spec)))).toEqual(E.right(event))
  })

  it.each([
    ['a word', ['1', 'abc', '', '0'], 'column "b": expected a number, got "abc"'],
    ['an empty cell', ['', '2', '', '0'], 'column "a": expected a number, got ""'],
    ['a hexadecimal number', ['0x1f', '2', '', '0'], 'column "a": expected a number, got "0x1f"'],
    ['Infinity', ['Infinity', '2', '', '0'], 'column "a": expected a number, got "Infinity"'],
    ['an overflow', ['1e999', '2', '', '0'], 'column "a": expected a finite number, got "1e999"'],
    ['a bad label', ['1', '2', '', 'cat'], 'column "label": expected a number, got "cat"'],
    ['too few cells', ['1', '2'], 'column "c": missing, the row has 2 cells and the header 4'],
    ['too many cells', ['1', '2', '3', '4', '5'], 'the row has 5 cells and the header 4'],
  ])('refuses %s, naming the column', (_, cells, error) => {
    expect(csvToEvent(cells, columns)).toEqual(E.left(error))
  })

  it('names the column of a cell that cannot be read', () => {
    expect(csvLineToEvent('1,"2,3', columns)).toEqual(E.left('column "b": quoted cell not closed on its line'))
  })

  it('reports a header that cannot be read', () => {
    expect(csvHeader('a,"b', { x: ['a'], y: [] })).toEqual(E.left('header: quoted cell not closed on its line'))
  })
})

describe('csvRecords', () => {
  const spec = { x: ['x1', 'x2'], y: ['y'] }
  const file = temp.file(
    [
      '\uFEFFx1,x2,"note, free text",y',
      '1,2,"hello, ""world""",0',
      '',
      '3,oops,,1',
      '5,6',
      '7,8,"multi',
      '9,10,,1',
    ].join('\r\n'),
    'data.csv',
  )

  it('emits each data line as an event line, or as its raw line with the reason', async () => {
    const rows = await lastValueFrom(csvRecords(file, spec, { chunkSize: 7 }).pipe(toArray()))

    expect(rows.map(({ end: _, ...row }) => row)).toEqual([
      { line: 2, value: '{"x":[1,2],"y":0}', raw: '1,2,"hello, ""world""",0' },
      { line: 3, value: '', raw: '' },
      { line: 4, value: '3,oops,,1', raw: '3,oops,,1', error: 'column "x2": expected a number, got "oops"' },
      { line: 5, value: '5,6', raw: '5,6', error: 'column "note, free text": missing, the row has 2 cells and the header 4' },
      { line: 6, value: '7,8,"multi', raw: '7,8,"multi', error: 'column "note, free text": quoted cell not closed on its line' },
      { line: 7, value: '{"x":[9,10],"y":1}', raw: '9,10,,1' },
    ])
  })

  it('resumes after a row, reading the header again', async () => {
    const rows = await lastValueFrom(csvRecords(file, spec).pipe(toArray()))
    const start = { byte: rows[3].end, line: rows[3].line + 1 }

    const rest = await lastValueFrom(csvRecords(file, spec, { start }).pipe(toArray()))

    expect(rest).toEqual(rows.slice(4))
  })

  it('fails naming the file and a column missing from the header', async () => {
    await expect(lastValueFrom(csvRecords(file, { x: ['x1', 'x3'], y: ['y'] }))).rejects.toThrow(
      `${file}: column "x3" is not in the header ("x1", "x2", "note, free text", "y")`,
    )
  })

  it('fails on a file without a header row', async () => {
    const empty = temp.file('', 'empty.csv')

    await expect(lastValueFrom(csvRecords(empty, spec))).rejects.toThrow(`${empty}: no header row`)
  })

  it('fails naming a missing file', async () => {
    const missing = `${temp.dir}/none.csv`

    await expect(lastValueFrom(csvRecords(missing, spec))).rejects.toThrow(`cannot read ${missing}: no such file or directory`)
  })
})
