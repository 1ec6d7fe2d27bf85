import { getFormProps, getInputProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LineEditor, type ProductOption } from '#app/components/billing/line-editor.tsx'
import { FormErrors, useFieldErrors } from '#app/components/form-errors.tsx'
import { FormActions } from '#app/components/forms/form-actions.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { ErrorList, inputClass } from '#app/components/ui/field.tsx'
import { EditQuoteSchema, NewQuoteSchema } from '#app/features/quotes/schemas.ts'

export type QuoteEditorValues = {
  partnershipId?: string
  title: string
  currency: string
  validUntil: string
  terms: string
  notes: string
  version?: number
  lines: {
    productId?: string
    sku: string
    description: string
    quantity: string
    unit: string
    unitPrice: string
    discount: string
    taxRate: string
    optional: boolean
  }[]
}

type Props = {
  mode: 'new' | 'edit'
  defaultValue: QuoteEditorValues
  lastResult?: SubmissionResult<string[]> | null
  partners?: { id: string; name: string }[]
  currencies: string[]
  products: ProductOption[]
  locale: string
  cancelTo: string
}

/** The quote draft form: header, then lines. Everything typed survives a refused save (conform keeps it). */
export function QuoteEditor({
  mode,
  defaultValue,
  lastResult,
  partners,
  currencies,
  products,
  locale,
  cancelTo,
}: Props) {
  const { t } = useTranslation('quotes')
  const errors = useFieldErrors()
  const [form, fields] = useZodForm({
    id: `quote-${mode}`,
    schema: mode === 'new' ? NewQuoteSchema : EditQuoteSchema,
    lastResult,
    defaultValue,
  })
  const currency = (fields.currency.value as string | undefined) ?? defaultValue.currency
  // Label by id (not by wrapping), so a select's options do not become part of its accessible name.
  const control = (name: keyof typeof fields, label: string, input: JSX.Element) => (
    <div>
      <label htmlFor={fields[name].id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {input}
      <ErrorList id={fields[name].errorId} errors={errors(fields[name].errors)} />
    </div>
  )
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-6">
      <FormErrors id={form.errorId} errors={form.errors} />
      {mode === 'edit' ? <input type="hidden" name="version" value={defaultValue.version} /> : null}
      <div className="grid gap-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-2">
        {mode === 'new'
          ? control(
              'partnershipId',
              t('editor.partner'),
              <select
                id={fields.partnershipId.id}
                name={fields.partnershipId.name}
                defaultValue={defaultValue.partnershipId ?? ''}
                className={`mt-1 ${inputClass}`}
                required
              >
                <option value="">{t('editor.choosePartner')}</option>
                {partners?.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>,
            )
          : null}
        {control(
          'title',
          t('editor.title'),
          <input {...getInputProps(fields.title, { type: 'text' })} className={`mt-1 ${inputClass}`} />,
        )}
        {control(
          'currency',
          t('editor.currency'),
          <select
            id={fields.currency.id}
            name={fields.currency.name}
            defaultValue={defaultValue.currency}
            className={`mt-1 ${inputClass}`}
          >
            {currencies.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>,
        )}
        {control(
          'validUntil',
          t('editor.validUntil'),
          <input {...getInputProps(fields.validUntil, { type: 'date' })} className={`mt-1 ${inputClass}`} />,
        )}
        {control(
          'terms',
          t('editor.terms'),
          <textarea {...getTextareaProps(fields.terms)} rows={3} className={`mt-1 ${inputClass}`} />,
        )}
        {control(
          'notes',
          t('editor.notes'),
          <textarea {...getTextareaProps(fields.notes)} rows={3} className={`mt-1 ${inputClass}`} />,
        )}
      </div>
      <LineEditor
        form={form}
        lines={fields.lines}
        currency={currency}
        locale={locale}
        products={products}
        allowOptional
      />
      <FormActions
        label={mode === 'new' ? t('editor.create') : t('editor.save')}
        submittingLabel={t('editor.saving')}
        cancelTo={cancelTo}
        cancelLabel={t('editor.cancel')}
      />
    </Form>
  )
}
