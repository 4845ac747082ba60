/**
 * Contender child: TensorFlow.js 4.22 with the `cpu` or the `wasm` backend (single-threaded in
 * Node, with SIMD). Args: <cpu|wasm> <spec> <init> [budget].
 *
 * The model is written with tf ops on variables in torch's layout (y = x·Wᵀ + b) and trained with
 * optimizer.minimize, the fastest of tfjs's training paths (model.fit and trainOnBatch add Keras
 * bookkeeping per batch). tf.train.momentum keeps a ← μ·a + g and steps θ ← θ − lr·a, which is
 * torch's SGD momentum rule for a constant learning rate; without momentum, tf.train.sgd.
 * The loss is not read back each step (no dataSync), which spares tfjs a sync per batch.
 */
import * as tf from '@tensorflow/tfjs'
import '@tensorflow/tfjs-backend-wasm'
import { jobFromArgv } from './job.js'
import { argmaxAccuracy, measure, report } from './measure.js'

const [backend, ...rest] = process.argv.slice(2)
if (backend !== 'cpu' && backend !== 'wasm') throw new Error(`tfjs: backend must be cpu or wasm, got ${backend}`)
const job = jobFromArgv(rest)
if (!(await tf.setBackend(backend))) throw new Error(`tfjs: the ${backend} backend did not initialise`)
await tf.ready()

const layers = job.names.map((n, l) => ({
  w: tf.variable(tf.tensor2d(job.init[n.weight].data, [job.sizes[l + 1], job.sizes[l]])),
  b: tf.variable(tf.tensor1d(job.init[n.bias].data)),
}))
const variables = layers.flatMap((l) => [l.w, l.b])
const [inputs, outputs] = [job.sizes[0], job.sizes[job.sizes.length - 1]]

const forward = (x: tf.Tensor2D): tf.Tensor2D =>
  layers.reduce((h, { w, b }, l) => {
    const z = tf.add<tf.Tensor2D>(tf.matMul(h, w, false, true), b)
    return l === layers.length - 1 ? z : job.hidden === 'tanh' ? tf.tanh(z) : tf.relu(z)
  }, x)

// mse as the contract defines it: Σ over outputs, mean over the batch.
const loss = (yhat: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar =>
  job.head === 'softmax' ? tf.losses.softmaxCrossEntropy(y, yhat) : tf.mean(tf.sum(tf.square(tf.sub(yhat, y)), 1))

const optimizer = job.momentum > 0 ? tf.train.momentum(job.learningRate, job.momentum) : tf.train.sgd(job.learningRate)

report(
  measure(job, {
    step: (b) =>
      tf.tidy(() => {
        const x = tf.tensor2d(b.x, [b.n, inputs])
        const y = tf.tensor2d(b.y, [b.n, outputs])
        optimizer.minimize(() => loss(forward(x), y), false, variables)
      }),
    accuracy: (t) => {
      const scores = tf.tidy(() => forward(tf.tensor2d(t.x, [t.n, inputs])).dataSync() as Float32Array)
      return argmaxAccuracy(scores, t.labels ?? new Int32Array(0), outputs)
    },
  }),
)
