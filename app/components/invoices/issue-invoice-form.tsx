import { getFormProps, getInputProps, type SubmissionResult } from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors, useFieldErrors } from '#app/components/form-errors.tsx'
import { SubmitButton } from '#app/components/forms/form-actions.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { ErrorList, inputClass } from '#app/components/ui/field.tsx'
import { IssueInvoiceSchema } from '#app/features/invoices/schemas.ts'

type Props = {
  version: number
  paymentTermsDays: number
  /** The earliest due date (today in the seller's time zone). */
  today: string
  lastResult?: SubmissionResult<string[]> | null
}

/** Issue a draft: it gets its number and dates and is emailed to the customer. The due date may be set here. */
export function IssueInvoiceForm({ version, paymentTermsDays, today, lastResult }: Props) {
  const { t } = useTranslation('invoices')
  const errors = useFieldErrors()
  const navigation = useNavigation()
  const [form, fields] = useZodForm({ id: 'issue-invoice', schema: IssueInvoiceSchema, lastResult })
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <h2 className="text-lg font-semibold">{t('issue.heading')}</h2>
      <p className="text-sm text-slate-600">{t('issue.description')}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="issue" />
      <input type="hidden" name="version" value={version} />
      <label className="block">
        <span className="block text-sm font-medium text-slate-800">{t('issue.dueDate')}</span>
        <input
          {...getInputProps(fields.dueDate, { type: 'date' })}
          min={today}
          className={`mt-1 ${inputClass}`}
        />
        <span className="mt-1 block text-xs text-slate-500">
          {t('issue.dueDateHint', { count: paymentTermsDays })}
        </span>
        <ErrorList id={fields.dueDate.errorId} errors={errors(fields.dueDate.errors)} />
      </label>
      <SubmitButton
        label={t('issue.submit')}
        submittingLabel={t('issue.submitting')}
        pending={navigation.formData?.get('intent') === 'issue'}
      />
    </Form>
  )
}
