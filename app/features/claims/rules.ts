/** Largest proof file; the form says so and the upload stops mid-stream past it. */
export const PROOF_MAX_MB = 25
export const PROOF_MAX_BYTES = PROOF_MAX_MB * 1024 * 1024
/** Files per submission, so one request stays bounded (PROOFS_PER_UPLOAD × PROOF_MAX_BYTES). */
export const PROOFS_PER_UPLOAD = 10

/**
 * What proof of performance may be, by type detected from the bytes: photos, PDFs, office documents and CSV — the
 * documents allow-list without ZIP and plain text, which a reviewer could not open as evidence.
 */
export const proofTypes: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (docx)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (xlsx)',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint (pptx)',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument spreadsheet',
  'text/csv': 'CSV',
}

/** For the file input's accept attribute (a hint for the picker; the server decides by content). */
export const proofAccept =
  'image/jpeg,image/png,image/webp,image/gif,application/pdf,.docx,.xlsx,.pptx,.odt,.ods,.csv'

export function describeProofTypes() {
  return Object.values(proofTypes).join(', ')
}

/** Images preview as themselves; a PDF's first page is rendered by a background job. */
export function previewKind(contentType: string): 'image' | 'pdf' | null {
  if (contentType.startsWith('image/')) return 'image'
  if (contentType === 'application/pdf') return 'pdf'
  return null
}

/** Where a PDF proof's first-page image lives: derived from its (random) key, so no column is needed. */
export function proofPreviewKey(storageKey: string) {
  return `${storageKey}.preview`
}
