/** Mean squared error, the cost of a linear output unit. */
import type { Loss } from '../graph/loss.js'

/** Per example Σ_j (y_j − ŷ_j)²; the batch loss is its mean. */
export const mse: Loss = {
  name: 'mse',
  targets: (yhat) => yhat.shape[1],
  build: (g, yhat, y) => g.meanRows(g.sumCols(g.square(g.sub(yhat, y)))),
}
