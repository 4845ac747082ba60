/**
 * Optimizer slots in torch's names (`0.weight.exp_avg`, as src/optim's `Optimizer.slots` writes
 * them) and the slot blocks the kernels keep them in. Lazy slots (the momentum buffer) do not
 * exist before the first step, as in torch's state_dict.
 */
import type { OptimizerSpec } from '../spec/optimizer.js'

/** A slot kept in block 0, 1 or 2; `lazy` when it is absent until the first step. */
export interface SlotBlock {
  readonly slot: string
  readonly block: 0 | 1 | 2
  readonly lazy: boolean
}

/** The optimizer's slots in the order its `slots()` names them, and their blocks. */
export const slotBlocks = (o: OptimizerSpec): readonly SlotBlock[] => {
  switch (o.type) {
    case 'sgd':
      return (o.momentum ?? 0) > 0 ? [{ slot: 'momentum_buffer', block: 0, lazy: true }] : []
    case 'adam':
    case 'adamw':
      return [
        { slot: 'exp_avg', block: 0, lazy: false },
        { slot: 'exp_avg_sq', block: 1, lazy: false },
      ]
    case 'rmsprop':
      return [
        { slot: 'square_avg', block: 0, lazy: false },
        ...((o.momentum ?? 0) > 0 ? [{ slot: 'momentum_buffer', block: 1, lazy: true } as const] : []),
        ...(o.centered === true ? [{ slot: 'grad_avg', block: 2, lazy: false } as const] : []),
      ]
    case 'adagrad':
      return [{ slot: 'sum', block: 0, lazy: false }]
  }
}
