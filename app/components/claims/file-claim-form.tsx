import { getFormProps, getTextareaProps } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useFieldErrors } from '#app/components/form-errors.tsx'
import { SubmitButton } from '#app/components/forms/form-actions.tsx'
import { FormField } from '#app/components/forms/form-field.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { ErrorList, inputClass } from '#app/components/ui/field.tsx'
import { PROOF_MAX_MB, PROOFS_PER_UPLOAD, proofAccept } from '#app/features/claims/rules.ts'
import { FileClaimSchema } from '#app/features/claims/schemas.ts'
import { ClaimFormError, type ClaimReplyData } from './claim-form-error.tsx'

/**
 * The partner's claim: amount, what was done, and proof files, sent as one multipart form. The idempotency key was
 * made when the page rendered, so a double click or a retry of this very form files one claim.
 */
export function FileClaimForm({
  idempotencyKey,
  currency,
  deadline,
  reply,
}: {
  idempotencyKey: string
  currency: string
  deadline: string
  reply?: ClaimReplyData
}) {
  const { t } = useTranslation('claims')
  const errors = useFieldErrors()
  const [form, fields] = useZodForm({ id: 'file-claim', schema: FileClaimSchema, lastResult: reply?.result })
  const description = getTextareaProps(fields.description)
  const refused = (reply?.result.error?.[''] ?? []).length > 0
  return (
    <section
      aria-labelledby="file-claim-title"
      className="mt-8 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="file-claim-title" className="text-lg font-semibold text-slate-900">
        {t('file.title')}
      </h2>
      <p className="mb-3 text-sm text-slate-600">{t('file.intro', { deadline })}</p>
      <ClaimFormError reply={reply} />
      {refused ? <p className="mb-3 text-sm text-slate-700">{t('file.chooseAgain')}</p> : null}
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="grid gap-3">
        <input type="hidden" name="intent" value="file" />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <FormField
          field={fields.amount}
          type="text"
          inputMode="decimal"
          label={t('file.amount', { currency })}
          className="max-w-xs"
        />
        <div>
          <label htmlFor={description.id} className="block text-sm font-medium text-slate-800">
            {t('file.description')}
          </label>
          <textarea
            {...description}
            rows={3}
            aria-describedby={`${description.id}-hint`}
            className={`mt-1 ${inputClass}`}
          />
          <p id={`${description.id}-hint`} className="mt-1 text-xs text-slate-500">
            {t('file.descriptionHint')}
          </p>
          <ErrorList errors={errors(fields.description.errors)} />
        </div>
        <div>
          <label htmlFor="claim-proof" className="block text-sm font-medium text-slate-800">
            {t('file.proof')}
          </label>
          <input
            id="claim-proof"
            name="proof"
            type="file"
            multiple
            accept={proofAccept}
            aria-describedby="claim-proof-hint"
            className="mt-1 block text-sm text-slate-700 file:me-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:font-medium file:text-slate-800 hover:file:bg-slate-200"
          />
          <p id="claim-proof-hint" className="mt-1 text-xs text-slate-500">
            {t('file.proofHint', { maxMb: PROOF_MAX_MB, max: PROOFS_PER_UPLOAD })}
          </p>
        </div>
        <div>
          <SubmitButton label={t('file.submit')} submittingLabel={t('file.submitting')} />
        </div>
      </Form>
    </section>
  )
}
