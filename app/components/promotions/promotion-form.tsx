import { getFormProps, getInputProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors, useFieldErrors } from '#app/components/form-errors.tsx'
import { SubmitButton } from '#app/components/forms/form-actions.tsx'
import { FormField, FormSelectField } from '#app/components/forms/form-field.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { ErrorList, inputClass } from '#app/components/ui/field.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import {
  defaultClaimDeadline,
  type PlanConflictReply,
  type PlanEditor,
  type PlanField,
  type PlanSnapshot,
  type PlanValues,
} from '#app/features/promotions/plan-fields.ts'
import { PromotionSchema } from '#app/features/promotions/schemas.ts'
import { formatMoney, parseAmount, parseScaledDecimal, scaledToString } from '#app/lib/money.ts'
import { promotionChannels, promotionMechanics } from '#db/schema/promotions.ts'
import { PlanFieldNote } from './plan-field-note.tsx'
import { usePlanBasis } from './use-plan-basis.ts'

const highlight = 'rounded-md bg-amber-50 p-2 ring-2 ring-amber-400'

/**
 * The plan both sides edit. On a new promotion, `partners` offers the partnership to plan it on. On a saved one,
 * `snapshot` is the plan as saved now: the form posts the version and values it is based on, and takes in newer
 * saved plans without losing what was typed (see usePlanBasis).
 */
export function PromotionForm({
  defaultValue,
  lastResult,
  snapshot,
  conflict,
  changedBy,
  currency,
  partners,
  submitLabel,
}: {
  defaultValue?: Partial<PlanValues>
  lastResult?: SubmissionResult<string[]> | null
  snapshot?: PlanSnapshot
  conflict?: PlanConflictReply | null
  changedBy?: PlanEditor
  currency?: string
  partners?: { value: string; label: string }[]
  submitLabel: string
}) {
  const { t, i18n } = useTranslation('promotions')
  const errors = useFieldErrors()
  const [form, fields] = useZodForm({
    id: 'promotion',
    schema: PromotionSchema,
    lastResult,
    defaultValue: defaultValue ?? snapshot?.values,
  })
  const plan = usePlanBasis({
    snapshot,
    conflict,
    changedBy,
    current: () => (form.value ?? {}) as Partial<Record<PlanField, string | string[]>>,
    // The update intent is typed per field; the plan's fields are all strings or string lists.
    apply: (field, value) => form.update({ name: fields[field].name as string, value } as never),
  })
  const value = (form.value ?? {}) as Partial<Record<PlanField, string | string[]>>
  const text = (field: PlanField) => {
    const v = value[field]
    return typeof v === 'string' ? v : ''
  }
  const show = (field: PlanField) => (v: string | string[]) =>
    field === 'channels'
      ? (Array.isArray(v) ? v : [v]).map((c) => t(`channels.${c}`)).join(', ')
      : field === 'mechanics'
        ? t(`mechanics.${v}`)
        : String(v)
  const note = (field: PlanField) => (
    <PlanFieldNote note={plan.notes[field]} show={show(field)} onTakeTheirs={() => plan.takeTheirs(field)} />
  )
  const frame = (field: PlanField, extra = '') => `${plan.notes[field] ? highlight : ''} ${extra}`.trim()
  const manufacturer = contribution(text('plannedSpend'), text('partnerContribution'), currency)
  const deadlineHint = /^\d{4}-\d{2}-\d{2}$/.test(text('endsOn'))
    ? t('form.claimDeadlineDefault', { date: safeDeadline(text('endsOn')) })
    : t('form.claimDeadlineEmpty')
  const changed = Object.keys(plan.notes).map((f) => t(`form.${f}`))
  return (
    <Form method="post" {...getFormProps(form)} className="grid gap-3 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <FormErrors id={form.errorId} errors={form.errors} />
        {plan.changedLive ? (
          <Notice tone="info">
            {t('edit.liveChanged', {
              who: changedBy?.kind === 'you' ? t('edit.you') : (changedBy?.name ?? ''),
            })}{' '}
            {changed.length ? t('edit.liveFields', { fields: changed.join(', ') }) : null}
          </Notice>
        ) : null}
      </div>
      {plan.basis ? (
        <>
          <input type="hidden" name="version" value={plan.basis.version} />
          <input type="hidden" name="base" value={JSON.stringify(plan.basis.values)} />
        </>
      ) : null}
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
      <FormField
        field={fields.name}
        type="text"
        label={t('form.name')}
        className={frame('name')}
        hint={note('name')}
      />
      <FormSelectField
        field={fields.mechanics}
        label={t('form.mechanics')}
        className={frame('mechanics')}
        hint={note('mechanics')}
        options={promotionMechanics.map((m) => ({ value: m, label: t(`mechanics.${m}`) }))}
      />
      {text('mechanics') === 'price_discount' || plan.notes.discount ? (
        <FormField
          field={fields.discount}
          type="text"
          inputMode="decimal"
          label={t('form.discount')}
          className={frame('discount')}
          hint={note('discount')}
        />
      ) : null}
      <FormField
        field={fields.startsOn}
        type="text"
        label={t('form.startsOn')}
        placeholder="YYYY-MM-DD"
        className={frame('startsOn')}
        hint={note('startsOn')}
      />
      <FormField
        field={fields.endsOn}
        type="text"
        label={t('form.endsOn')}
        placeholder="YYYY-MM-DD"
        className={frame('endsOn')}
        hint={note('endsOn')}
      />
      <FormField
        field={fields.plannedSpend}
        type="text"
        label={t('form.plannedSpend')}
        inputMode="decimal"
        className={frame('plannedSpend')}
        hint={note('plannedSpend')}
      />
      <FormField
        field={fields.partnerContribution}
        type="text"
        label={t('form.partnerContribution')}
        inputMode="decimal"
        className={frame('partnerContribution')}
        hint={note('partnerContribution')}
      />
      <div className="text-sm">
        <span className="block font-medium text-slate-800">{t('form.manufacturerContribution')}</span>
        <output htmlFor={`${fields.plannedSpend.id} ${fields.partnerContribution.id}`} className="mt-3 block">
          {manufacturer === null
            ? '—'
            : currency
              ? formatMoney(manufacturer, currency, i18n.language)
              : scaledToString(manufacturer, 2)}
        </output>
      </div>
      <FormField
        field={fields.expectedLift}
        type="text"
        label={t('form.expectedLift')}
        inputMode="decimal"
        className={frame('expectedLift')}
        hint={note('expectedLift')}
      />
      <fieldset className={`text-sm sm:col-span-2 ${frame('channels')}`}>
        <legend className="font-medium text-slate-800">{t('form.channels')}</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {promotionChannels.map((c) => (
            <label key={c} className="inline-flex items-center gap-2">
              <input {...getInputProps(fields.channels, { type: 'checkbox', value: c })} />
              {t(`channels.${c}`)}
            </label>
          ))}
        </div>
        {note('channels')}
        <ErrorList errors={errors(fields.channels.errors)} />
      </fieldset>
      <FormField
        field={fields.regions}
        type="text"
        label={t('form.regions')}
        className={frame('regions')}
        hint={plan.notes.regions ? note('regions') : t('form.regionsHint')}
      />
      <FormField
        field={fields.claimDeadline}
        type="text"
        label={t('form.claimDeadline')}
        placeholder="YYYY-MM-DD"
        className={frame('claimDeadline')}
        hint={plan.notes.claimDeadline ? note('claimDeadline') : deadlineHint}
      />
      <div className={`text-sm sm:col-span-2 ${frame('description')}`}>
        <label htmlFor={fields.description.id} className="block font-medium text-slate-800">
          {t('form.description')}
        </label>
        <textarea {...getTextareaProps(fields.description)} rows={3} className={`mt-1 ${inputClass}`} />
        {note('description')}
        <ErrorList errors={errors(fields.description.errors)} />
      </div>
      <div className="sm:col-span-2">
        <SubmitButton label={submitLabel} submittingLabel={t('form.saving')} />
      </div>
    </Form>
  )
}

/**
 * The manufacturer's part: planned spend less the partner's contribution, null until both are amounts. Before the
 * partnership (so the currency) is known, in hundredths.
 */
function contribution(spend: string, partner: string, currency: string | undefined) {
  const parse = (v: string) => {
    if (currency) return parseAmount(v, currency)
    const scaled = parseScaledDecimal(v, 2)
    return scaled === null ? null : Number(scaled)
  }
  const a = parse(spend)
  const b = parse(partner)
  return a === null || b === null ? null : a - b
}

function safeDeadline(endsOn: string) {
  try {
    return defaultClaimDeadline(endsOn)
  } catch {
    return ''
  }
}
