import { Readable } from 'node:stream'
import { AppError } from '#app/lib/errors.ts'
import { getStorage, newObjectKey } from '#app/lib/storage/index.server.ts'
import { sniffUpload, UnsupportedTypeError } from '#app/lib/storage/sniff.server.ts'
import { TooLargeError } from '#app/lib/storage/types.ts'
import { cleanFileName } from '../documents/names.ts'
import { describeProofTypes, PROOF_MAX_BYTES, PROOF_MAX_MB, proofTypes } from './rules.ts'

/** A proof file already in storage, waiting to be recorded on a claim. */
export type StoredProof = { storageKey: string; fileName: string; contentType: string; size: number }

/** After a refusal, up to this much of the file still arriving is read and dropped, so the answer gets through. */
export const PROOF_DISCARD_BYTES = 32 * 1024 * 1024

/**
 * Streams one proof to storage under a random key: the type is decided from the bytes (a renamed executable is
 * refused, whatever its name), the size is counted while it streams and stops at PROOF_MAX_BYTES. A refusal is an
 * AppError naming the file; `details.drained` says whether the rest of the file was read (false: cut the request).
 */
export async function storeProof(fileName: string, source: AsyncIterable<Uint8Array>): Promise<StoredProof> {
  const name = cleanFileName(fileName) || 'proof'
  const refuse = async (
    key: string,
    values: Record<string, string | number>,
    discard: (limit: number) => Promise<boolean>,
  ) => {
    const drained = await discard(PROOF_DISCARD_BYTES)
    const status = key === 'claims:errors.proofTooLarge' ? 413 : 415
    return new AppError('invalid', key, { ...values, name, drained, status })
  }
  const sniffed = await sniffUpload(source, name).catch(async (error) => {
    if (!(error instanceof UnsupportedTypeError)) throw error
    throw await refuse(
      'claims:errors.proofType',
      { detected: error.detected, allowed: describeProofTypes() },
      error.discard,
    )
  })
  if (!proofTypes[sniffed.contentType]) {
    throw await refuse(
      'claims:errors.proofType',
      { detected: sniffed.label ?? sniffed.contentType, allowed: describeProofTypes() },
      sniffed.discard,
    )
  }
  const storageKey = newObjectKey('claims')
  try {
    const { byteSize } = await getStorage().put(storageKey, Readable.from(sniffed.body), {
      contentType: sniffed.contentType,
      maxBytes: PROOF_MAX_BYTES,
    })
    return { storageKey, fileName: name, contentType: sniffed.contentType, size: byteSize }
  } catch (error) {
    if (error instanceof TooLargeError) {
      throw await refuse('claims:errors.proofTooLarge', { maxMb: PROOF_MAX_MB }, sniffed.discard)
    }
    throw error
  }
}

/** Removes stored proofs that were not recorded (a refused or duplicate submission). */
export async function discardProofs(proofs: StoredProof[]) {
  await Promise.all(
    proofs.map((p) =>
      getStorage()
        .delete(p.storageKey)
        .catch(() => {}),
    ),
  )
}
