import { getFormProps } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormField, FormSelectField } from '#app/components/forms/form-field.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { Button } from '#app/components/ui/button.tsx'
import { SettleClaimSchema } from '#app/features/claims/schemas.ts'
import { settlementMethods } from '#db/schema/claims.ts'
import { ClaimFormError, type ClaimReplyData } from './claim-form-error.tsx'

/** Marks an approved claim paid: by credit note or payment, with its reference. */
export function SettleClaimForm({
  claimId,
  version,
  from,
  reply,
}: {
  claimId: string
  version: number
  from: 'tab' | 'claim'
  reply?: ClaimReplyData
}) {
  const { t } = useTranslation('claims')
  const [form, fields] = useZodForm({
    id: `settle-${claimId}`,
    schema: SettleClaimSchema,
    lastResult: reply?.result,
    defaultValue: { method: 'credit_note' },
  })
  return (
    <div>
      <ClaimFormError reply={reply} />
      <Form
        method="post"
        action={`/claims/${claimId}`}
        {...getFormProps(form)}
        aria-label={t('settle.title')}
        className="flex flex-wrap items-end gap-3"
      >
        <input type="hidden" name="intent" value="settle" />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="from" value={from} />
        <FormSelectField
          field={fields.method}
          label={t('settle.method')}
          options={settlementMethods.map((m) => ({ value: m, label: t(`method.${m}`) }))}
        />
        <FormField field={fields.reference} type="text" label={t('settle.reference')} />
        <Button>{t('settle.submit')}</Button>
      </Form>
    </div>
  )
}
