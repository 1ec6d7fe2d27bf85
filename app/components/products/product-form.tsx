import { getFormProps, getInputProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors, useFieldErrors } from '#app/components/form-errors.tsx'
import { FormActions } from '#app/components/forms/form-actions.tsx'
import { FormField } from '#app/components/forms/form-field.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { ErrorList, inputClass } from '#app/components/ui/field.tsx'
import { type ProductFormValues, ProductSchema } from '#app/features/products/schemas.ts'

type Props = {
  /** Without a version the form creates a product; with one it saves that version of it. */
  version?: number
  defaultValue: ProductFormValues
  currencies: string[]
  lastResult?: SubmissionResult<string[]> | null
  label: string
  submittingLabel: string
  cancelTo: string
}

/** The product's fields; the same zod schema checks them here, on the server and in the CSV import. */
export function ProductForm({ version, defaultValue, currencies, lastResult, ...actions }: Props) {
  const { t } = useTranslation('products')
  const translate = useFieldErrors()
  const [form, fields] = useZodForm({
    id: version ? 'product-edit' : 'product-new',
    // The fields and their rules are the same; the server adds the version check (ProductEditSchema).
    schema: ProductSchema,
    lastResult,
    defaultValue: { ...defaultValue, active: defaultValue.active ? 'on' : undefined },
  })
  const descriptionErrorId = fields.description.errors?.length ? `${fields.description.id}-error` : undefined
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="max-w-3xl space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200"
    >
      <FormErrors id={form.errorId} errors={form.errors} />
      {version ? (
        <>
          <input type="hidden" name="intent" value="save" />
          {/* The version of the page, not of the typed values: after a conflict, saving again is a choice. */}
          <input type="hidden" name="version" value={version} />
        </>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <FormField
          label={t('fields.sku')}
          hint={t('fields.skuHint')}
          field={fields.sku}
          type="text"
          autoComplete="off"
        />
        <FormField
          className="sm:col-span-2"
          label={t('fields.name')}
          field={fields.name}
          type="text"
          autoComplete="off"
        />
      </div>
      <div>
        <label htmlFor={fields.description.id} className="block text-sm font-medium text-slate-800">
          {t('fields.description')}
        </label>
        <textarea
          {...getTextareaProps(fields.description)}
          rows={3}
          aria-invalid={descriptionErrorId ? true : undefined}
          aria-describedby={descriptionErrorId}
          className={`mt-1 ${inputClass}`}
        />
        <ErrorList id={descriptionErrorId} errors={translate(fields.description.errors)} />
      </div>
      <div className="grid gap-4 sm:grid-cols-4">
        <FormField label={t('fields.unit')} hint={t('fields.unitHint')} field={fields.unit} type="text" />
        <FormField
          label={t('fields.unitPrice')}
          hint={t('fields.unitPriceHint')}
          field={fields.unitPrice}
          type="text"
          inputMode="decimal"
          autoComplete="off"
        />
        <FormField
          label={t('fields.currency')}
          hint={t('fields.currencyHint')}
          field={fields.currency}
          type="text"
          list="product-currency-codes"
          maxLength={3}
          autoComplete="off"
        />
        <FormField
          label={t('fields.taxRate')}
          hint={t('fields.taxRateHint')}
          field={fields.taxRate}
          type="text"
          inputMode="decimal"
          autoComplete="off"
        />
      </div>
      <datalist id="product-currency-codes">
        {currencies.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      {version ? null : (
        <div>
          <div className="flex items-center gap-2">
            <input
              {...getInputProps(fields.active, { type: 'checkbox' })}
              className="size-4 rounded border-slate-300 text-brand-600"
            />
            <label htmlFor={fields.active.id} className="text-sm text-slate-800">
              {t('fields.active')}
            </label>
          </div>
          <ErrorList errors={translate(fields.active.errors)} />
        </div>
      )}
      <FormActions {...actions} cancelLabel={t('new.cancel')} />
    </Form>
  )
}
