/**
 * Contender child: brain.js 1.6.1's NeuralNetwork with tanh. Args: <spec> <init> [budget].
 *
 * Closest settings, not the same model: brain.js applies its activation to the output layer too
 * (the targets are kept inside tanh's range for that), it steps after every event (there is no
 * minibatch), and its error signal is (y − ŷ) where torch's mse gradient is 2(ŷ − y)/batch, so the
 * learning rate is 2·lr/batch: the same total step per batch of events. It refuses momentum 0, so a
 * momentum of 1e-10 stands for none. It has no softmax or cross-entropy, hence no W3.
 */
import { createRequire } from 'node:module'
import { jobFromArgv } from './job.js'
import { measure, report } from './measure.js'

/** The part of brain.js's NeuralNetwork we touch; its published types leave these fields out. */
interface BrainNet {
  sizes: number[] | null
  weights: Float32Array[][]
  biases: Float32Array[]
  initialize(): void
  train(data: readonly { input: readonly number[]; output: readonly number[] }[], options: Record<string, unknown>): unknown
}

const brain = createRequire(import.meta.url)('brain.js') as { NeuralNetwork: new (options: Record<string, unknown>) => BrainNet }

const job = jobFromArgv(process.argv.slice(2))
if (job.head !== 'linear' || job.hidden !== 'tanh') throw new Error('brain.js: only tanh regression (no softmax or cross-entropy)')
const net = new brain.NeuralNetwork({ hiddenLayers: job.sizes.slice(1, -1), activation: 'tanh' })
net.sizes = [...job.sizes]
net.initialize()
job.names.forEach((n, l) => {
  const [fin, fout] = [job.sizes[l], job.sizes[l + 1]]
  const w = job.init[n.weight].data
  for (let u = 0; u < fout; u++) net.weights[l + 1][u].set(w.subarray(u * fin, (u + 1) * fin))
  net.biases[l + 1].set(job.init[n.bias].data)
})
const options = {
  iterations: 1,
  errorThresh: 1e-9,
  log: false,
  learningRate: (2 * job.learningRate) / job.batchSize,
  momentum: job.momentum > 0 ? job.momentum : 1e-10,
}
report(
  measure(job, {
    // Handing brain.js 1,024 events per train() call spares it the per-call set-up; it still steps per event.
    chunk: 1024,
    step: (b) => {
      net.train(
        b.events.map((e) => ({ input: e.x, output: typeof e.y === 'number' ? [e.y] : e.y })),
        options,
      )
    },
  }),
)
