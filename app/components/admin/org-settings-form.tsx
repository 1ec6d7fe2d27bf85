import {
  getFormProps,
  getInputProps,
  getSelectProps,
  type SubmissionResult,
  useForm,
} from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors, useFieldErrors } from '#app/components/form-errors.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field, SelectField } from '#app/components/ui/field.tsx'
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
  const errors = useFieldErrors()
  const [form, fields] = useForm({
    id: 'org-settings',
    lastResult,
    defaultValue: settings,
    constraint: getZodConstraint(OrgSettingsSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OrgSettingsSchema }),
    shouldRevalidate: 'onBlur',
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
      <Field
        label={t('settings.name')}
        inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'organization' }}
        errors={errors(fields.name.errors)}
      />
      <Field
        label={t('settings.currency')}
        hint={t('settings.currencyHint')}
        inputProps={{
          ...getInputProps(fields.defaultCurrency, { type: 'text' }),
          list: 'currency-codes',
          maxLength: 3,
          autoComplete: 'off',
        }}
        errors={errors(fields.defaultCurrency.errors)}
      />
      <datalist id="currency-codes">
        {currencies.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <SelectField
        label={t('settings.locale')}
        selectProps={getSelectProps(fields.locale)}
        options={orgLocales.map((l) => ({ value: l, label: t(`settings.locales.${l}`) }))}
        errors={errors(fields.locale.errors)}
      />
      <SelectField
        label={t('settings.timeZone')}
        selectProps={getSelectProps(fields.timeZone)}
        options={timeZones.map((z) => ({ value: z, label: z.replaceAll('_', ' ') }))}
        errors={errors(fields.timeZone.errors)}
      />
      <Button disabled={saving}>{saving ? t('common:actions.saving') : t('common:actions.save')}</Button>
    </Form>
  )
}
