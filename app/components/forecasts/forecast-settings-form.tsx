import { type FieldMetadata, getFormProps, getInputProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors, useFieldErrors } from '#app/components/form-errors.tsx'
import { SubmitButton } from '#app/components/forms/form-actions.tsx'
import { FormField, FormSelectField } from '#app/components/forms/form-field.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { ErrorList } from '#app/components/ui/field.tsx'
import {
  CreateForecastSchema,
  ForecastSetupSchema,
  MAX_HORIZON_WEEKS,
  type SetupValues,
} from '#app/features/forecasts/schemas.ts'
import { forecastUnits } from '#db/schema/forecasts.ts'

type Field = FieldMetadata<string | number | undefined, Record<string, unknown>, string[]>
type SettingFields = Record<
  'name' | 'horizonWeeks' | 'unit' | 'gapPercent' | 'gapUnits' | 'shiftPercent',
  Field
>

const smallInput =
  'w-24 rounded border border-slate-300 px-2 py-1 text-end tabular-nums aria-[invalid=true]:border-red-500'

/** A number typed inside a sentence ("differ by more than [20] %"): labelled for screen readers on its own. */
function InlineNumber({ field, label }: { field: Field; label: string }) {
  return (
    <input
      {...getInputProps(field, { type: 'text' })}
      inputMode="decimal"
      aria-label={label}
      className={smallInput}
    />
  )
}

/** What both forms share: name, horizon, unit, and the two exception rules written as sentences. */
function SettingsFields({ fields }: { fields: SettingFields }) {
  const { t } = useTranslation('forecastSetup')
  const errors = useFieldErrors()
  const ruleErrors = [fields.gapPercent, fields.gapUnits, fields.shiftPercent].flatMap((f) => f.errors ?? [])
  return (
    <>
      <FormField field={fields.name} type="text" label={t('form.name')} className="sm:col-span-2" />
      <FormField
        field={fields.horizonWeeks}
        type="text"
        inputMode="numeric"
        label={t('form.horizonWeeks')}
        hint={t('form.horizonHint', { max: MAX_HORIZON_WEEKS })}
      />
      <FormSelectField
        field={fields.unit}
        label={t('form.unit')}
        options={forecastUnits.map((u) => ({ value: u, label: t(`unit.${u}`) }))}
      />
      <fieldset className="rounded-md border border-slate-200 p-3 text-sm sm:col-span-2">
        <legend className="px-1 font-medium text-slate-800">{t('form.rules')}</legend>
        <p className="mb-2 text-xs text-slate-500">{t('form.rulesHint')}</p>
        <p className="flex flex-wrap items-center gap-2">
          {t('form.gapBefore')}
          <InlineNumber field={fields.gapPercent} label={t('form.gapPercent')} />
          {t('form.gapMiddle')}
          <InlineNumber field={fields.gapUnits} label={t('form.gapUnits')} />
          {t('form.gapAfter')}
        </p>
        <p className="mt-2 flex flex-wrap items-center gap-2">
          {t('form.shiftBefore')}
          <InlineNumber field={fields.shiftPercent} label={t('form.shiftPercent')} />
          {t('form.shiftAfter')}
        </p>
        <ErrorList errors={errors(ruleErrors)} />
      </fieldset>
    </>
  )
}

/** A new plan: on which partnership, from which week, and the settings. Keeps what was typed when refused. */
export function NewForecastForm({
  partners,
  startWeek,
  lastResult,
}: {
  partners: { value: string; label: string }[]
  startWeek: string
  lastResult?: SubmissionResult<string[]> | null
}) {
  const { t } = useTranslation('forecastSetup')
  const [form, fields] = useZodForm({
    id: 'new-forecast',
    schema: CreateForecastSchema,
    lastResult,
    defaultValue: {
      partnershipId: partners[0]?.value,
      startWeek,
      horizonWeeks: 26,
      unit: 'units',
      gapPercent: '20',
      gapUnits: '50',
      shiftPercent: '30',
    },
  })
  return (
    <Form method="post" {...getFormProps(form)} className="grid max-w-3xl gap-3 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <FormErrors id={form.errorId} errors={form.errors} />
      </div>
      <FormSelectField
        field={fields.partnershipId}
        label={t('form.partner')}
        options={partners}
        className="sm:col-span-2"
      />
      <FormField
        field={fields.startWeek}
        type="text"
        label={t('form.startWeek')}
        placeholder="YYYY-MM-DD"
        hint={t('form.startWeekHint')}
        className="sm:col-span-2"
      />
      <SettingsFields fields={fields} />
      <div className="sm:col-span-2">
        <SubmitButton label={t('new.create')} submittingLabel={t('new.creating')} />
      </div>
    </Form>
  )
}

/** A plan's settings at the version the page loaded; a refused stale save restarts from what was typed. */
export function ForecastSettingsForm({
  values,
  lastResult,
  disabled,
}: {
  values: SetupValues
  lastResult?: SubmissionResult<string[]> | null
  disabled: boolean
}) {
  const { t } = useTranslation('forecastSetup')
  const [form, fields] = useZodForm({
    id: 'forecast-settings',
    schema: ForecastSetupSchema,
    lastResult,
    defaultValue: values,
  })
  return (
    <Form method="post" {...getFormProps(form)} className="grid max-w-3xl gap-3 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <FormErrors id={form.errorId} errors={form.errors} />
      </div>
      <input type="hidden" name="intent" value="save" />
      <input {...getInputProps(fields.version, { type: 'hidden' })} />
      <fieldset disabled={disabled} className="contents">
        <SettingsFields fields={fields} />
      </fieldset>
      {disabled ? null : (
        <div className="sm:col-span-2">
          <SubmitButton label={t('setup.save')} submittingLabel={t('setup.saving')} />
        </div>
      )}
    </Form>
  )
}
