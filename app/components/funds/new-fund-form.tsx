import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors } from '#app/components/form-errors.tsx'
import { SubmitButton } from '#app/components/forms/form-actions.tsx'
import { FormField, FormSelectField } from '#app/components/forms/form-field.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { FundSchema } from '#app/features/funds/schemas.ts'

/** A new co-op or MDF fund: its budget becomes the fund's first ledger entry. */
export function NewFundForm({
  currency,
  currencies,
  lastResult,
}: {
  currency: string
  currencies: { value: string; label: string }[]
  lastResult?: SubmissionResult<string[]> | null
}) {
  const { t } = useTranslation('funds')
  const year = new Date().getUTCFullYear() + 1
  const [form, fields] = useZodForm({
    id: 'new-fund',
    schema: FundSchema,
    lastResult,
    defaultValue: { currency, program: 'coop', startsOn: `${year}-01-01`, endsOn: `${year}-03-31` },
  })
  return (
    <Form method="post" {...getFormProps(form)} className="grid gap-3 sm:grid-cols-3">
      <FormErrors id={form.errorId} errors={form.errors} />
      <FormField field={fields.name} type="text" label={t('form.name')} className="sm:col-span-2" />
      <FormSelectField
        field={fields.program}
        label={t('form.program')}
        options={[
          { value: 'coop', label: t('program.coop') },
          { value: 'mdf', label: t('program.mdf') },
        ]}
      />
      <FormField field={fields.startsOn} type="text" label={t('form.startsOn')} placeholder="YYYY-MM-DD" />
      <FormField field={fields.endsOn} type="text" label={t('form.endsOn')} placeholder="YYYY-MM-DD" />
      <FormSelectField field={fields.currency} label={t('form.currency')} options={currencies} />
      <FormField field={fields.budget} type="text" label={t('form.budget')} inputMode="decimal" />
      <div className="flex items-end sm:col-span-2">
        <SubmitButton label={t('form.create')} submittingLabel={t('form.creating')} />
      </div>
    </Form>
  )
}
