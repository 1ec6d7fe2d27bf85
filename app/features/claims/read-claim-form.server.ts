import { type UploadHandlerPart, unstable_parseMultipartFormData } from '@remix-run/node'
import { AppError } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { PROOF_MAX_BYTES, PROOF_MAX_MB, PROOFS_PER_UPLOAD } from './rules.ts'
import { discardProofs, PROOF_DISCARD_BYTES, type StoredProof, storeProof } from './store-proof.server.ts'

/** A text field of the claim form is short; anything longer is not our form. */
const TEXT_LIMIT = 64 * 1024
/** The most a claim form can weigh: every proof at the limit, plus the fields and multipart framing. */
const REQUEST_LIMIT = PROOFS_PER_UPLOAD * PROOF_MAX_BYTES + 1024 * 1024

export type ClaimForm = {
  form: FormData
  /** Proofs already in storage; the caller records them or discards them. */
  proofs: StoredProof[]
  /** Why a file was refused (its type, its size, too many): nothing of this submission was kept. */
  refusal: AppError | null
}

const tooLarge = () =>
  new AppError('invalid', 'claims:errors.requestTooLarge', { status: 413, maxMb: PROOF_MAX_MB })

async function drain(data: AsyncIterable<Uint8Array>) {
  let dropped = 0
  for await (const chunk of data) {
    dropped += chunk.length
    // Far past the limit: stop reading and let the request be cut off.
    if (dropped > PROOF_DISCARD_BYTES) throw tooLarge()
  }
}

async function readText(data: AsyncIterable<Uint8Array>) {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of data) {
    size += chunk.length
    if (size > TEXT_LIMIT) throw new AppError('invalid', 'claims:errors.fieldTooLong', { status: 413 })
    chunks.push(Buffer.from(chunk))
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * The HTTP side of filing a claim or adding proof: a multipart form whose `proof` files stream one by one to
 * storage (sniffed, size-limited, never buffered whole) while the text fields are collected. Called only after the
 * route authorized the caller, so no stranger's bytes reach storage. A urlencoded body is read as plain fields.
 */
export async function readClaimForm(request: Request): Promise<ClaimForm> {
  const type = request.headers.get('content-type') ?? ''
  if (!type.startsWith('multipart/form-data')) {
    return { form: await readForm(request), proofs: [], refusal: null }
  }
  const declared = Number(request.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > REQUEST_LIMIT) {
    if (request.body && declared - REQUEST_LIMIT <= PROOF_DISCARD_BYTES)
      await request.body.pipeTo(new WritableStream())
    throw tooLarge()
  }
  const proofs: StoredProof[] = []
  let refusal: AppError | null = null
  const handler = async (part: UploadHandlerPart) => {
    if (part.filename === undefined) return readText(part.data)
    // Not a proof field, no file chosen, or a file after a refusal: read past it.
    if (part.name !== 'proof' || !part.filename || refusal) return void (await drain(part.data))
    if (proofs.length >= PROOFS_PER_UPLOAD) {
      refusal = new AppError('invalid', 'claims:errors.tooManyProofs', { max: PROOFS_PER_UPLOAD })
      return void (await drain(part.data))
    }
    try {
      proofs.push(await storeProof(part.filename, part.data))
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      if (error.details?.drained === false) throw tooLarge()
      refusal = error
    }
    return undefined
  }
  let form: FormData
  try {
    form = await unstable_parseMultipartFormData(request, handler)
  } catch (error) {
    await discardProofs(proofs)
    // A body that is not well-formed multipart is the client's fault; anything else (storage down) is ours.
    if (error instanceof Error && /malformed|Could not parse/.test(error.message)) {
      throw new AppError('invalid', 'claims:errors.badUpload', { status: 400 })
    }
    throw error
  }
  if (refusal) {
    await discardProofs(proofs)
    return { form, proofs: [], refusal }
  }
  return { form, proofs, refusal: null }
}
