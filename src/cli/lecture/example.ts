/** What a lecture example is: a one-line summary and a run that computes its numbers and draws them. */

/** An example's result: the numbers (written as NAME.json) and the picture (NAME.svg). */
export interface Shown {
  readonly json: object
  readonly svg: string
}

/** One entry of the lecture: what it shows, in a line, and how to compute it. */
export interface Example {
  readonly summary: string
  readonly run: () => Promise<Shown>
}
