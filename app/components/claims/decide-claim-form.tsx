import { getFormProps } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormField } from '#app/components/forms/form-field.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { Button } from '#app/components/ui/button.tsx'
import { DecideClaimSchema } from '#app/features/claims/schemas.ts'
import { ClaimFormError, type ClaimReplyData } from './claim-form-error.tsx'

/**
 * The manufacturer's decision on one claim: approve in full, approve part (amount and reason) or reject (reason).
 * Posts to the claim's own page; `from` brings the answer back to the page the form was on.
 */
export function DecideClaimForm({
  claimId,
  version,
  from,
  remaining,
  reply,
}: {
  claimId: string
  version: number
  from: 'tab' | 'claim'
  /** What the promotion still has committed, formatted. */
  remaining: string
  reply?: ClaimReplyData
}) {
  const { t } = useTranslation('claims')
  const [form, fields] = useZodForm({
    id: `decide-${claimId}`,
    schema: DecideClaimSchema,
    lastResult: reply?.result,
  })
  return (
    <div>
      <ClaimFormError reply={reply} />
      <Form
        method="post"
        action={`/claims/${claimId}`}
        {...getFormProps(form)}
        aria-label={t('decide.title')}
        className="flex flex-wrap items-end gap-3"
      >
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="from" value={from} />
        <FormField field={fields.amount} type="text" inputMode="decimal" label={t('decide.amount')} />
        <FormField field={fields.reason} type="text" label={t('decide.reason')} className="min-w-64 flex-1" />
        <div className="flex flex-wrap gap-2">
          <Button name="intent" value="approve">
            {t('decide.approve')}
          </Button>
          <Button name="intent" value="partial" variant="secondary">
            {t('decide.partial')}
          </Button>
          <Button name="intent" value="reject" variant="danger">
            {t('decide.reject')}
          </Button>
        </div>
        <p className="w-full text-xs text-slate-600">{t('decide.remaining', { remaining })}</p>
      </Form>
    </div>
  )
}
