import { getFormProps, getInputProps, type SubmissionResult } from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors, useFieldErrors } from '#app/components/form-errors.tsx'
import { SubmitButton } from '#app/components/forms/form-actions.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { ErrorList, inputClass } from '#app/components/ui/field.tsx'
import { paymentMethods, RecordPaymentSchema } from '#app/features/invoices/schemas.ts'
import { formatMoney, toDecimalString } from '#app/lib/money.ts'

type Props = {
  /** A fresh key per page load: a retried submit of this form records the payment once. */
  idempotencyKey: string
  currency: string
  balanceDue: number
  today: string
  lastResult?: SubmissionResult<string[]> | null
}

export function RecordPaymentForm({ idempotencyKey, currency, balanceDue, today, lastResult }: Props) {
  const { t, i18n } = useTranslation('invoices')
  const errors = useFieldErrors()
  const navigation = useNavigation()
  const [form, fields] = useZodForm({
    id: 'record-payment',
    schema: RecordPaymentSchema,
    lastResult,
    defaultValue: { amount: toDecimalString(balanceDue, currency), paidOn: today, method: 'bank_transfer' },
  })
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <h2 className="text-lg font-semibold">{t('payment.heading')}</h2>
      <p className="text-sm text-slate-600">
        {t('payment.balance', { balance: formatMoney(balanceDue, currency, i18n.language) })}
      </p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="payment" />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block">
          <span className="block text-sm font-medium text-slate-800">
            {t('payment.amount', { currency })}
          </span>
          <input
            {...getInputProps(fields.amount, { type: 'text' })}
            inputMode="decimal"
            className={`mt-1 ${inputClass}`}
          />
          <ErrorList id={fields.amount.errorId} errors={errors(fields.amount.errors)} />
        </label>
        <label className="block">
          <span className="block text-sm font-medium text-slate-800">{t('payment.paidOn')}</span>
          <input
            {...getInputProps(fields.paidOn, { type: 'date' })}
            max={today}
            className={`mt-1 ${inputClass}`}
          />
          <ErrorList id={fields.paidOn.errorId} errors={errors(fields.paidOn.errors)} />
        </label>
        <label className="block">
          <span className="block text-sm font-medium text-slate-800">{t('payment.method')}</span>
          <select
            name={fields.method.name}
            defaultValue={fields.method.initialValue ?? 'bank_transfer'}
            className={`mt-1 ${inputClass}`}
          >
            {paymentMethods.map((m) => (
              <option key={m} value={m}>
                {t(`methods.${m}`)}
              </option>
            ))}
          </select>
          <ErrorList id={fields.method.errorId} errors={errors(fields.method.errors)} />
        </label>
        <label className="block">
          <span className="block text-sm font-medium text-slate-800">{t('payment.reference')}</span>
          <input {...getInputProps(fields.reference, { type: 'text' })} className={`mt-1 ${inputClass}`} />
          <ErrorList id={fields.reference.errorId} errors={errors(fields.reference.errors)} />
        </label>
      </div>
      <SubmitButton
        label={t('payment.submit')}
        submittingLabel={t('payment.submitting')}
        pending={navigation.formData?.get('intent') === 'payment'}
      />
    </Form>
  )
}
