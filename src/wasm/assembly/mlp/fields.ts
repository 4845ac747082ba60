/**
 * The layout of the two records the fused MLP trainer reads, shared word for word by the
 * AssemblyScript kernels and by src/fast, which writes them: plain numeric constants only, so
 * this one file compiles as AssemblyScript and as TypeScript.
 *
 * A net record (32-bit words) describes the model, the optimizer and where the parameters live;
 * a workspace record says where one batch's values go. Pointers are byte addresses; float
 * fields are f32 bit patterns.
 */

// ---- the net record: header words ----
/** Number of dense layers. */
export const NET_LAYERS = 0
/** Which loss (LOSS_*). */
export const NET_LOSS = 1
/** Which optimizer (OPT_*). */
export const NET_OPT = 2
/** FLAG_* bits. */
export const NET_FLAGS = 3
/** Optimizer steps applied so far. */
export const NET_STEP = 4
/** 1 when the last step was applied, 0 when the non-finite guard refused it. */
export const NET_APPLIED = 5
/** Address of the parameter block; the gradient and slot blocks share its layout. */
export const NET_PARAMS = 6
/** Address of the gradient block. */
export const NET_GRADS = 7
/** Address of optimizer slot block 0 (src/fast/slots.ts says which slot), or 0 when unused. */
export const NET_SLOT0 = 8
/** Address of optimizer slot block 1, or 0. */
export const NET_SLOT1 = 9
/** Address of optimizer slot block 2, or 0. */
export const NET_SLOT2 = 10
/** Address of the matmul workspace (workspaceBytes() bytes). */
export const NET_GEMM_WS = 11
/** Largest batch the unpacked kernels take; larger batches go through the packed matmul. */
export const NET_SMALL = 12
/** 8 words of f32 scratch where a step puts its optimizer constants. */
export const NET_CONSTANTS = 16
/**
 * Hyperparameters as f64 (word index of the first; 8-byte aligned), indexed by HYPER_*: derived
 * constants such as 1 − β₂ are computed from them in f64 and rounded once, as the generic path
 * does (1 − f32(0.999) would be off by 1.3e-5).
 */
export const NET_HYPER = 24
/** The learning rate η. */
export const HYPER_LR = 0
/** SGD or RMSprop momentum μ. */
export const HYPER_MOMENTUM = 1
/** SGD dampening. */
export const HYPER_DAMPENING = 2
/** Adam's β₁. */
export const HYPER_BETA1 = 3
/** Adam's β₂. */
export const HYPER_BETA2 = 4
/** Adam's, RMSprop's or Adagrad's ε. */
export const HYPER_EPS = 5
/** AdamW's λ. */
export const HYPER_WEIGHT_DECAY = 6
/** RMSprop's α. */
export const HYPER_ALPHA = 7
/** The L1 penalty on dense weights. */
export const HYPER_L1 = 8
/** The L2 penalty on dense weights. */
export const HYPER_L2 = 9
/** Words before the first layer entry. */
export const NET_HEADER = 48

// ---- the net record: one entry per dense layer ----
/** Inputs of the layer. */
export const LAYER_FAN_IN = 0
/** Outputs of the layer. */
export const LAYER_UNITS = 1
/** The activation after the layer (ACT_*). */
export const LAYER_ACT = 2
/** Leaky ReLU's slope (f32). */
export const LAYER_ALPHA = 3
/** 1 when the layer has a bias. */
export const LAYER_BIAS = 4
/** Byte offsets of the weight and the bias within the parameter block. */
export const LAYER_W = 5
/** Byte offset of the bias within the parameter block. */
export const LAYER_B = 6
/** Written by each step: 1 when the weight's gradient is the batch-1 outer product, never stored. */
export const LAYER_OUTER = 7
/**
 * 1 when the weight is stored transposed, [fanIn, units] (the first layer: its forward product
 * then sums rows of Wᵀ, which can skip zero inputs, and it needs no dX).
 */
export const LAYER_TRANSPOSED = 8
/** Words per layer entry. */
export const LAYER_WORDS = 10

// ---- the workspace record ----
/** The batch size its buffers hold. */
export const WS_CAPACITY = 0
/** Inputs [batch, inputs] and targets [batch, outputs]. */
export const WS_X = 1
/** Targets [batch, outputs]. */
export const WS_Y = 2
/** Scratch [batch, widest layer input] for dL/d(layer input) before the activation's derivative. */
export const WS_DX = 3
/** The inputs' non-zeros for the first layer (CSR): row starts [batch + 1], column indices [batch·inputs]. */
export const WS_ROW_START = 4
/** The column indices of the non-zeros, row after row. */
export const WS_COLUMNS = 5
/** Words before the per-layer entries. */
export const WS_HEADER = 6
/** Per layer: pre-activations Z, activations H, and dL/dZ, each [batch, units]. */
export const WS_Z = 0
/** Activations H [batch, units] (the same buffer as Z for a linear layer). */
export const WS_H = 1
/** dL/dZ [batch, units]. */
export const WS_DZ = 2
/** Words per layer entry. */
export const WS_LAYER_WORDS = 3

// ---- codes ----
/** The identity. */
export const ACT_LINEAR = 0
/** max(0, z); relu′(0) = 0. */
export const ACT_RELU = 1
/** z where z > 0, else alpha·z; leaky′(0) = alpha. */
export const ACT_LEAKY_RELU = 2
/** |z|; abs′(0) = 0. */
export const ACT_ABS = 3
/** σ(z). */
export const ACT_SIGMOID = 4
/** tanh z. */
export const ACT_TANH = 5
/** Row-wise; only as the output unit of LOSS_SOFTMAX_CE. */
export const ACT_SOFTMAX = 6

export const LOSS_MSE = 0
/** Mean absolute error (sign(0) = 0). */
export const LOSS_MAE = 1
/** Sigmoid output with binary cross-entropy, fused on the logits. */
export const LOSS_SIGMOID_BCE = 2
/** Softmax output with cross-entropy, fused on the logits. */
export const LOSS_SOFTMAX_CE = 3

export const OPT_SGD = 0
/** SGD with momentum (and dampening, Nesterov). */
export const OPT_MOMENTUM = 1
/** Adam. */
export const OPT_ADAM = 2
/** AdamW. */
export const OPT_ADAMW = 3
/** RMSprop (centered, momentum). */
export const OPT_RMSPROP = 4
/** Adagrad. */
export const OPT_ADAGRAD = 5

/** SGD momentum: Nesterov's step. */
export const FLAG_NESTEROV = 1
/** RMSprop: centered (keeps grad_avg in slot 2). */
export const FLAG_CENTERED = 2
/** RMSprop: momentum > 0 (keeps momentum_buffer in slot 1). */
export const FLAG_RMS_MOMENTUM = 4
/** The momentum buffer exists (torch creates it at the first step; SGD copies the gradient then). */
export const FLAG_BUFFER = 8
/** l1 or l2 is non-zero. */
export const FLAG_REGULARIZED = 16

/** Floats every buffer is padded to (64 bytes), so vector loops need no tails within a block. */
export const PAD_FLOATS = 16
/** A version stamp the loader compares with the module's (`mlpLayoutCheck`), so a stale build fails loudly. */
export const LAYOUT_VERSION = 2
/** What `mlpLayoutCheck` returns for this layout. */
export const LAYOUT_CHECK = LAYOUT_VERSION * 1000000 + NET_HEADER * 10000 + LAYER_WORDS * 100 + WS_HEADER * 10 + WS_LAYER_WORDS
