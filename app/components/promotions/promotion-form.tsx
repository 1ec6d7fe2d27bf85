import { getFormProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors } from '#app/components/form-errors.tsx'
import { SubmitButton } from '#app/components/forms/form-actions.tsx'
import { FormField, FormSelectField } from '#app/components/forms/form-field.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { inputClass } from '#app/components/ui/field.tsx'
import { PromotionSchema } from '#app/features/promotions/schemas.ts'
import { promotionMechanics } from '#db/schema/promotions.ts'

type Values = {
  name: string
  mechanics: string
  description: string
  startsOn: string
  endsOn: string
  plannedSpend: string
  partnerContribution: string
  expectedLift: string
}

/** The plan both sides edit. On a new promotion, `partners` offers the partnership to plan it on. */
export function PromotionForm({
  defaultValue,
  lastResult,
  version,
  partners,
  submitLabel,
}: {
  defaultValue?: Partial<Values>
  lastResult?: SubmissionResult<string[]> | null
  version?: number
  partners?: { value: string; label: string }[]
  submitLabel: string
}) {
  const { t } = useTranslation('promotions')
  const [form, fields] = useZodForm({ id: 'promotion', schema: PromotionSchema, lastResult, defaultValue })
  return (
    <Form method="post" {...getFormProps(form)} className="grid gap-3 sm:grid-cols-2">
      <FormErrors id={form.errorId} errors={form.errors} />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      <input type="hidden" name="intent" value="save" />
      {partners ? (
        <label className="text-sm sm:col-span-2">
          <span className="block font-medium text-slate-700">{t('form.partner')}</span>
          <select name="partnershipId" required className={`mt-1 ${inputClass}`}>
            {partners.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <FormField field={fields.name} type="text" label={t('form.name')} />
      <FormSelectField
        field={fields.mechanics}
        label={t('form.mechanics')}
        options={promotionMechanics.map((m) => ({ value: m, label: t(`mechanics.${m}`) }))}
      />
      <FormField field={fields.startsOn} type="text" label={t('form.startsOn')} placeholder="YYYY-MM-DD" />
      <FormField field={fields.endsOn} type="text" label={t('form.endsOn')} placeholder="YYYY-MM-DD" />
      <FormField field={fields.plannedSpend} type="text" label={t('form.plannedSpend')} inputMode="decimal" />
      <FormField
        field={fields.partnerContribution}
        type="text"
        label={t('form.partnerContribution')}
        inputMode="decimal"
      />
      <FormField field={fields.expectedLift} type="text" label={t('form.expectedLift')} inputMode="decimal" />
      <label className="text-sm sm:col-span-2">
        <span className="block font-medium text-slate-700">{t('form.description')}</span>
        <textarea {...getTextareaProps(fields.description)} rows={3} className={`mt-1 ${inputClass}`} />
      </label>
      <div className="sm:col-span-2">
        <SubmitButton label={submitLabel} submittingLabel={t('form.saving')} />
      </div>
    </Form>
  )
}
