/**
 * Small float arrays of their own, carved in turn from 16 KiB slabs. V8 gives a typed array of
 * more than 64 bytes a backing store from the allocator, with a finalizer for the collector, and
 * for a small stacked batch (32 events of 16 inputs) that cost more than filling it; a view into a
 * slab costs an object. No region is handed out twice, so an array never changes unless its holder
 * writes it. A slab is freed once no array views it: an array kept alive keeps at most its own
 * slab, 16 KiB, which is why slabs are small and only arrays of up to an eighth of one come from
 * them (decoded events, which a shuffle buffer may keep by the thousand, do not).
 */

/** Floats per slab. */
const SLAB = 1 << 12
/** Larger requests get a backing store of their own. */
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
