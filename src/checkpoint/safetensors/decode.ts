/**
 * Safetensors bytes to Params and metadata. The header is validated in full first (see
 * header.ts); only then are the tensors copied out, so memory never exceeds the file's size.
 */
import { type Either, map } from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { tensor } from '../../tensor/tensor.js'
import type { Safetensors } from './format.js'
import { readF32LE } from './f32.js'
import { readHeader } from './header.js'

/** The tensors (in data-buffer order) and metadata of a safetensors file, or its first problem as one line. */
export const decodeSafetensors = (bytes: Uint8Array): Either<string, Safetensors> =>
  pipe(
    readHeader(bytes),
    map(({ entries, metadata, dataStart }) => ({
      // Copies, not views: the tensors must not change if the caller reuses the file's buffer.
      tensors: Object.fromEntries(
        entries.map(({ name, shape, begin, end }) => [
          name,
          tensor(shape, readF32LE(bytes.subarray(dataStart + begin, dataStart + end))),
        ]),
      ),
      metadata,
    })),
  )
