/**
 * Small float arrays of their own, carved in turn from larger slabs. V8 gives a typed array of
 * more than 64 bytes a backing store from the allocator, with a finalizer for the collector, and
 * that cost more than filling it: per event for a digit's 784 pixels, per batch for a stacked
 * batch. A view into a slab costs an object. No region is handed out twice, so an array never
 * changes unless its holder writes it; a slab is freed once no array views it, so holding one
 * array keeps at most one slab (256 KiB) alive.
 */

/** Floats per slab. */
const SLAB = 1 << 16
/** Larger requests get a backing store of their own: they would waste much of a slab. */
const LARGEST = SLAB / 8

let slab = new Float32Array(0)
let used = 0

/** n zeroed floats that nothing else views. */
export const freshFloats = (n: number): Float32Array => {
  if (n > LARGEST || n <= 16) return new Float32Array(n)
  if (used + n > slab.length) {
    slab = new Float32Array(SLAB)
    used = 0
  }
  const view = slab.subarray(used, used + n)
  used += n
  return view
}
