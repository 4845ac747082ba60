/**
 * The baseline: an MLP trained by hand-written scalar loops over Float32Arrays, no library, no
 * graph, no SIMD — what a careful JavaScript programmer writes in an afternoon. Same rules as
 * torch: mse = mean over the batch of Σ(ŷ − y)², softmax + cross-entropy fused on the logits,
 * SGD with momentum as v ← μ·v + g, θ ← θ − lr·v. Weights are [out, in], torch's layout.
 */

/** The network's shape and update rule. */
export interface PlainMlpOptions {
  readonly sizes: readonly number[]
  readonly hidden: 'tanh' | 'relu'
  readonly head: 'linear' | 'softmax'
  readonly learningRate: number
  readonly momentum: number
}

/** A trainable MLP; it keeps its parameters and buffers, so it is not a value (this is the baseline, not the library). */
export interface PlainMlp {
  /** One SGD step on n examples x [n, in], y [n, out]; returns the batch's mean loss. */
  readonly step: (x: Float32Array, y: Float32Array, n: number) => number
  /** The output (logits for a softmax head) of n examples. */
  readonly predict: (x: Float32Array, n: number) => Float32Array
}

/** A plain MLP starting from the given weights and biases (copied), layer by layer. */
export const plainMlp = (o: PlainMlpOptions, weights: readonly Float32Array[], biases: readonly Float32Array[]): PlainMlp => {
  const L = o.sizes.length - 1
  const W = weights.map((w) => w.slice())
  const B = biases.map((b) => b.slice())
  const gW = W.map((w) => new Float32Array(w.length))
  const gB = B.map((b) => new Float32Array(b.length))
  const vW = W.map((w) => new Float32Array(w.length))
  const vB = B.map((b) => new Float32Array(b.length))
  let rows = 0
  let acts: Float32Array[] = []
  let deltas: Float32Array[] = []
  const ensure = (n: number): void => {
    if (n <= rows) return
    rows = n
    acts = o.sizes.map((s) => new Float32Array(n * s))
    deltas = o.sizes.map((s) => new Float32Array(n * s))
  }

  const forward = (x: Float32Array, n: number): Float32Array => {
    ensure(n)
    acts[0].set(x.subarray(0, n * o.sizes[0]))
    for (let l = 0; l < L; l++) {
      const [fin, fout, a, z, w, b] = [o.sizes[l], o.sizes[l + 1], acts[l], acts[l + 1], W[l], B[l]]
      const last = l === L - 1
      for (let i = 0; i < n; i++) {
        for (let u = 0; u < fout; u++) {
          let s = b[u]
          for (let k = 0; k < fin; k++) s += a[i * fin + k] * w[u * fin + k]
          z[i * fout + u] = last ? s : o.hidden === 'tanh' ? Math.tanh(s) : s > 0 ? s : 0
        }
      }
    }
    return acts[L]
  }

  /** Writes dL/d(output) into deltas[L] and returns the mean loss. */
  const outputDelta = (y: Float32Array, n: number): number => {
    const out = o.sizes[L]
    const [z, d] = [acts[L], deltas[L]]
    let loss = 0
    for (let i = 0; i < n; i++) {
      const row = i * out
      if (o.head === 'linear') {
        for (let j = 0; j < out; j++) {
          const e = z[row + j] - y[row + j]
          loss += e * e
          d[row + j] = (2 * e) / n
        }
        continue
      }
      let max = z[row]
      for (let j = 1; j < out; j++) max = Math.max(max, z[row + j])
      let sum = 0
      for (let j = 0; j < out; j++) sum += Math.exp(z[row + j] - max)
      const logSum = max + Math.log(sum)
      for (let j = 0; j < out; j++) {
        loss -= y[row + j] * (z[row + j] - logSum)
        d[row + j] = (Math.exp(z[row + j] - logSum) - y[row + j]) / n
      }
    }
    return loss / n
  }

  const backward = (n: number): void => {
    for (let l = L - 1; l >= 0; l--) {
      const [fin, fout, a, d, w, gw, gb] = [o.sizes[l], o.sizes[l + 1], acts[l], deltas[l + 1], W[l], gW[l], gB[l]]
      gw.fill(0)
      gb.fill(0)
      for (let i = 0; i < n; i++) {
        for (let u = 0; u < fout; u++) {
          const du = d[i * fout + u]
          if (du === 0) continue
          gb[u] += du
          for (let k = 0; k < fin; k++) gw[u * fin + k] += du * a[i * fin + k]
        }
      }
      if (l === 0) break
      const prev = deltas[l]
      prev.fill(0, 0, n * fin)
      for (let i = 0; i < n; i++) {
        for (let u = 0; u < fout; u++) {
          const du = d[i * fout + u]
          if (du === 0) continue
          for (let k = 0; k < fin; k++) prev[i * fin + k] += du * w[u * fin + k]
        }
        for (let k = 0; k < fin; k++) {
          const h = a[i * fin + k]
          prev[i * fin + k] *= o.hidden === 'tanh' ? 1 - h * h : h > 0 ? 1 : 0
        }
      }
    }
  }

  const apply = (p: Float32Array, g: Float32Array, v: Float32Array): void => {
    const { learningRate: lr, momentum: mu } = o
    if (mu === 0) {
      for (let i = 0; i < p.length; i++) p[i] -= lr * g[i]
      return
    }
    for (let i = 0; i < p.length; i++) {
      v[i] = mu * v[i] + g[i]
      p[i] -= lr * v[i]
    }
  }

  return {
    step: (x, y, n) => {
      forward(x, n)
      const loss = outputDelta(y, n)
      backward(n)
      for (let l = 0; l < L; l++) {
        apply(W[l], gW[l], vW[l])
        apply(B[l], gB[l], vB[l])
      }
      return loss
    },
    predict: (x, n) => forward(x, n).slice(0, n * o.sizes[L]),
  }
}
