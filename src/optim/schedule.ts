/**
 * Learning-rate schedules and the learning-rate step that ends every recipe. A schedule is a
 * function of t, the number of optimizer steps already taken, so step t + 1 uses η(t): the same
 * rates torch gives when `scheduler.step()` follows every `optimizer.step()`.
 *
 * torch's schedulers are written recursively (each rate from the previous one); these are the
 * closed forms torch documents (`_get_closed_form_lr`). They agree up to double rounding, and a
 * closed form lets a restored state continue from its step count alone.
 */
import { checkOption } from './optimizer.js'
import { type Transform, checkState, scaled } from './transform.js'

/** A learning rate as a function of the number of optimizer steps already taken. */
export type Schedule = (step: number) => number

/** A fixed learning rate or a schedule. */
export type LearningRate = number | Schedule

/** The state of a scheduled step: how many updates it has made. */
export interface ScheduleState {
  readonly step: number
}

/** η(t) = learningRate. (Not torch's ConstantLR, which scales by a factor for a number of steps.) */
export const constant =
  (learningRate: number): Schedule =>
  () =>
    learningRate

/** torch StepLR: η(t) = learningRate·γ^⌊t / stepSize⌋. */
export const stepDecay = ({
  learningRate,
  stepSize,
  gamma = 0.1,
}: {
  learningRate: number
  stepSize: number
  gamma?: number
}): Schedule => {
  checkOption('stepDecay', 'stepSize', stepSize, Number.isInteger(stepSize) && stepSize > 0, 'a positive integer')
  return (t) => learningRate * gamma ** Math.floor(t / stepSize)
}

/** torch ExponentialLR: η(t) = learningRate·γ^t. */
export const exponentialDecay =
  ({ learningRate, gamma }: { learningRate: number; gamma: number }): Schedule =>
  (t) =>
    learningRate * gamma ** t

/**
 * torch CosineAnnealingLR: η(t) = etaMin + (learningRate − etaMin)·(1 + cos(π·t / tMax)) / 2.
 * Past tMax it rises again (period 2·tMax), as torch's does; SGDR's restarts are not included.
 */
export const cosineAnnealing = ({
  learningRate,
  tMax,
  etaMin = 0,
}: {
  learningRate: number
  tMax: number
  etaMin?: number
}): Schedule => {
  checkOption('cosineAnnealing', 'tMax', tMax, tMax > 0, 'positive')
  return (t) => etaMin + ((learningRate - etaMin) * (1 + Math.cos((Math.PI * t) / tMax))) / 2
}

/** u ← s(t)·u, where t counts the updates this transform has made. */
export const scaleBySchedule = (schedule: Schedule): Transform<ScheduleState> => ({
  init: () => ({ step: 0 }),
  update: (updates, state) => {
    checkState('scaleBySchedule', state, ['step'])
    return [scaled(updates, schedule(state.step)), { step: state.step + 1 }]
  },
})

/** u ← −η(t)·u: the learning-rate step at the end of every recipe (STYLE §7), fixed or scheduled. */
export const scaleByLearningRate = (learningRate: LearningRate): Transform<ScheduleState> => {
  if (typeof learningRate === 'number') {
    checkOption('learning rate', 'learningRate', learningRate, learningRate >= 0, 'non-negative')
    return scaleBySchedule(() => -learningRate)
  }
  return scaleBySchedule((t) => -learningRate(t))
}
