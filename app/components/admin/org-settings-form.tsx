import { getFormProps, getInputProps, type SubmissionResult } from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors } from '#app/components/form-errors.tsx'
import { SubmitButton } from '#app/components/forms/form-actions.tsx'
import { FormField, FormSelectField } from '#app/components/forms/form-field.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { OrgSettingsSchema, orgLocales } from '#app/features/admin/schemas.ts'

type Props = {
  settings: { name: string; defaultCurrency: string; locale: string; timeZone: string; updatedAt: string }
  timeZones: string[]
  currencies: string[]
  lastResult?: SubmissionResult<string[]>
}

export function OrgSettingsForm({ settings, timeZones, currencies, lastResult }: Props) {
  const { t } = useTranslation('admin')
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
      <SubmitButton
        label={t('common:actions.save')}
        submittingLabel={t('common:actions.saving')}
        pending={saving}
      />
    </Form>
  )
}
