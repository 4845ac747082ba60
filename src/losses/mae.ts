/** Mean absolute error. */
import type { Loss } from '../graph/loss.js'

/** Per example Σ_j |y_j − ŷ_j| (its derivative uses sign(0) = 0, as torch); the batch loss is its mean. */
export const mae: Loss = {
  name: 'mae',
  targets: (yhat) => yhat.shape[1],
  build: (g, yhat, y) => g.meanRows(g.sumCols(g.abs(g.sub(yhat, y)))),
}
