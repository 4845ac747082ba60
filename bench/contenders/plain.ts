/** Contender child: the hand-written Float32Array MLP loop (bench/plain/mlp.ts). Args: <spec> <init> [limit]. */
import { plainMlp } from '../plain/mlp.js'
import { jobFromArgv } from './job.js'
import { argmaxAccuracy, measure, report } from './measure.js'

const job = jobFromArgv(process.argv.slice(2))
const mlp = plainMlp(
  job,
  job.names.map((n) => job.init[n.weight].data),
  job.names.map((n) => job.init[n.bias].data),
)
const classes = job.sizes[job.sizes.length - 1]
report(
  measure(job, {
    step: (b) => mlp.step(b.x, b.y, b.n),
    accuracy: (t) => argmaxAccuracy(mlp.predict(t.x, t.n), t.labels ?? new Int32Array(0), classes),
  }),
)
