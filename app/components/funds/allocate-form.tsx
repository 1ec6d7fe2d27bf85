import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors } from '#app/components/form-errors.tsx'
import { SubmitButton } from '#app/components/forms/form-actions.tsx'
import { FormField, FormSelectField } from '#app/components/forms/form-field.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { AllocateSchema } from '#app/features/funds/schemas.ts'

/** Moves money from the fund to a partnership (a negative amount gives unused money back). */
export function AllocateForm({
  partners,
  currency,
  lastResult,
}: {
  partners: { value: string; label: string }[]
  currency: string
  lastResult?: SubmissionResult<string[]> | null
}) {
  const { t } = useTranslation('funds')
  const [form, fields] = useZodForm({ id: 'allocate', schema: AllocateSchema, lastResult })
  return (
    <Form method="post" {...getFormProps(form)} className="grid gap-3 sm:grid-cols-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <FormSelectField
        field={fields.partnershipId}
        label={t('allocate.partner')}
        options={[{ value: '', label: t('allocate.choose') }, ...partners]}
      />
      <FormField
        field={fields.amount}
        type="text"
        label={t('allocate.amount', { currency })}
        hint={t('allocate.amountHint')}
        inputMode="decimal"
      />
      <FormField field={fields.reason} type="text" label={t('allocate.reason')} />
      <div className="flex items-end">
        <SubmitButton label={t('allocate.submit')} submittingLabel={t('allocate.submitting')} />
      </div>
    </Form>
  )
}
