import { getFormProps, getInputProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors, useFieldErrors } from '#app/components/form-errors.tsx'
import { SubmitButton } from '#app/components/forms/form-actions.tsx'
import { FormField, FormSelectField } from '#app/components/forms/form-field.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { ErrorList, inputClass } from '#app/components/ui/field.tsx'
import { OrgSettingsSchema, orgLocales } from '#app/features/admin/schemas.ts'

type Props = {
  settings: {
    name: string
    defaultCurrency: string
    locale: string
    timeZone: string
    billingAddress: string
    taxId: string
    paymentInstructions: string
    updatedAt: string
  }
  timeZones: string[]
  currencies: string[]
  lastResult?: SubmissionResult<string[]>
}

export function OrgSettingsForm({ settings, timeZones, currencies, lastResult }: Props) {
  const { t } = useTranslation('admin')
  const errors = useFieldErrors()
  const navigation = useNavigation()
  const [form, fields] = useZodForm({
    id: 'org-settings',
    schema: OrgSettingsSchema,
    lastResult,
    defaultValue: settings,
  })
  const saving = navigation.state === 'submitting' && navigation.formAction === '/admin/settings'
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="max-w-xl space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200"
    >
      <FormErrors id={form.errorId} errors={form.errors} />
      <input {...getInputProps(fields.updatedAt, { type: 'hidden' })} />
      <FormField label={t('settings.name')} field={fields.name} type="text" autoComplete="organization" />
      <FormField
        label={t('settings.currency')}
        hint={t('settings.currencyHint')}
        field={fields.defaultCurrency}
        type="text"
        list="currency-codes"
        maxLength={3}
        autoComplete="off"
      />
      <datalist id="currency-codes">
        {currencies.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <FormSelectField
        label={t('settings.locale')}
        field={fields.locale}
        options={orgLocales.map((l) => ({ value: l, label: t(`settings.locales.${l}`) }))}
      />
      <FormSelectField
        label={t('settings.timeZone')}
        field={fields.timeZone}
        options={timeZones.map((z) => ({ value: z, label: z.replaceAll('_', ' ') }))}
      />
      <fieldset className="space-y-4 border-t border-slate-200 pt-4">
        <legend className="text-sm font-semibold text-slate-800">{t('settings.documents')}</legend>
        <p className="text-xs text-slate-500">{t('settings.documentsHint')}</p>
        <label className="block">
          <span className="block text-sm font-medium text-slate-800">{t('settings.billingAddress')}</span>
          <textarea {...getTextareaProps(fields.billingAddress)} rows={4} className={`mt-1 ${inputClass}`} />
          <ErrorList id={fields.billingAddress.errorId} errors={errors(fields.billingAddress.errors)} />
        </label>
        <FormField label={t('settings.taxId')} field={fields.taxId} type="text" autoComplete="off" />
        <label className="block">
          <span className="block text-sm font-medium text-slate-800">
            {t('settings.paymentInstructions')}
          </span>
          <textarea
            {...getTextareaProps(fields.paymentInstructions)}
            rows={3}
            className={`mt-1 ${inputClass}`}
          />
          <ErrorList
            id={fields.paymentInstructions.errorId}
            errors={errors(fields.paymentInstructions.errors)}
          />
        </label>
      </fieldset>
      <SubmitButton
        label={t('common:actions.save')}
        submittingLabel={t('common:actions.saving')}
        pending={saving}
      />
    </Form>
  )
}
