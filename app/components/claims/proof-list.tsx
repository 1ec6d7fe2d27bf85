import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LocalTime } from '#app/components/admin/local-time.tsx'
import { SubmitButton } from '#app/components/forms/form-actions.tsx'
import { PROOF_MAX_MB, PROOFS_PER_UPLOAD, proofAccept } from '#app/features/claims/rules.ts'
import { formatBytes } from '#app/features/documents/names.ts'
import { ClaimFormError, type ClaimReplyData } from './claim-form-error.tsx'

export type ProofItem = {
  id: string
  fileName: string
  contentType: string
  size: number
  createdAt: string
  uploadedBy: string | null
  preview: 'image' | 'pdf' | null
}

/** A claim's proof files: previews for images and PDFs, a short-lived download link for each. */
export function ProofList({ claimId, proofs }: { claimId: string; proofs: ProofItem[] }) {
  const { t, i18n } = useTranslation('claims')
  if (proofs.length === 0) return <p className="text-sm text-slate-600">{t('detail.noProofs')}</p>
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {proofs.map((p) => {
        const base = `/claims/${claimId}/proofs/${p.id}`
        return (
          <li key={p.id} className="rounded-lg border border-slate-200 bg-white p-3">
            {p.preview ? (
              <img
                src={`${base}/preview`}
                alt={t('detail.preview', { name: p.fileName })}
                loading="lazy"
                className="mb-2 max-h-64 w-full rounded object-contain"
              />
            ) : (
              <p className="mb-2 text-xs text-slate-500">{t('detail.noPreview')}</p>
            )}
            <p className="break-all text-sm font-medium text-slate-900">{p.fileName}</p>
            <p className="text-xs text-slate-600">
              {formatBytes(p.size, i18n.language)} ·{' '}
              {t('detail.uploaded', { name: p.uploadedBy ?? t('detail.someone') })} ·{' '}
              <LocalTime value={p.createdAt} />
            </p>
            <a href={`${base}/download`} className="mt-1 inline-block text-sm text-brand-700 hover:underline">
              {t('detail.download')}
            </a>
          </li>
        )
      })}
    </ul>
  )
}

/** More proof for a claim still waiting for its decision (a multipart form to the claim's page). */
export function AddProofForm({ reply }: { reply?: ClaimReplyData }) {
  const { t } = useTranslation('claims')
  return (
    <div className="mt-4">
      <ClaimFormError reply={reply} />
      <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="add-proof" className="block text-sm font-medium text-slate-800">
            {t('detail.addProof')}
          </label>
          <input
            id="add-proof"
            name="proof"
            type="file"
            multiple
            required
            accept={proofAccept}
            aria-describedby="add-proof-hint"
            className="mt-1 block text-sm text-slate-700 file:me-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:font-medium file:text-slate-800 hover:file:bg-slate-200"
          />
          <p id="add-proof-hint" className="mt-1 text-xs text-slate-500">
            {t('file.proofHint', { maxMb: PROOF_MAX_MB, max: PROOFS_PER_UPLOAD })}
          </p>
        </div>
        <SubmitButton label={t('detail.addProofSubmit')} submittingLabel={t('file.submitting')} />
      </Form>
    </div>
  )
}
