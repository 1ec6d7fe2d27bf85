import { getFormProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors, useFieldErrors } from '#app/components/form-errors.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { Button } from '#app/components/ui/button.tsx'
import { ErrorList, inputClass } from '#app/components/ui/field.tsx'
import { VoidInvoiceSchema } from '#app/features/invoices/schemas.ts'

type Props = { version: number; lastResult?: SubmissionResult<string[]> | null }

/** Void with a reason (kept on the invoice); the number stays used. */
export function VoidInvoiceForm({ version, lastResult }: Props) {
  const { t } = useTranslation('invoices')
  const errors = useFieldErrors()
  const navigation = useNavigation()
  const pending = navigation.formData?.get('intent') === 'void'
  const [form, fields] = useZodForm({ id: 'void-invoice', schema: VoidInvoiceSchema, lastResult })
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <h2 className="text-lg font-semibold">{t('void.heading')}</h2>
      <p className="text-sm text-slate-600">{t('void.description')}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="void" />
      <input type="hidden" name="version" value={version} />
      <label className="block">
        <span className="block text-sm font-medium text-slate-800">{t('void.reason')}</span>
        <textarea {...getTextareaProps(fields.reason)} rows={3} className={`mt-1 ${inputClass}`} />
        <ErrorList id={fields.reason.errorId} errors={errors(fields.reason.errors)} />
      </label>
      <Button variant="danger" disabled={pending}>
        {pending ? t('void.submitting') : t('void.submit')}
      </Button>
    </Form>
  )
}
