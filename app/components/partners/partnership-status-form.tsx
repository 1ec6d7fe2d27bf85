import { getFormProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors, useFieldErrors } from '#app/components/form-errors.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { Button } from '#app/components/ui/button.tsx'
import { ErrorList, inputClass } from '#app/components/ui/field.tsx'
import { PartnershipStatusSchema, type StatusIntent } from '#app/features/partners/schemas.ts'
import { intentsFor } from '#app/features/partners/status-transitions.ts'
import type { PartnershipStatus } from '#db/schema/partnerships.ts'

const variants = { suspend: 'secondary', reactivate: 'primary', end: 'danger' } as const

/** One form, one button per possible change; the version it carries makes a stale change fail loudly. */
export function PartnershipStatusForm({
  status,
  version,
  lastResult,
}: {
  status: PartnershipStatus
  version: number
  lastResult?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation('partners')
  const navigation = useNavigation()
  const translate = useFieldErrors()
  const [form, fields] = useZodForm({ id: 'partnership-status', schema: PartnershipStatusSchema, lastResult })
  const intents = intentsFor(status)
  const pending = (intent: StatusIntent) =>
    navigation.state === 'submitting' && navigation.formData?.get('intent') === intent
  const reasonErrorId = fields.reason.errors?.length ? `${fields.reason.id}-error` : undefined

  return (
    <section
      aria-labelledby="status-title"
      className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id="status-title" className="text-lg font-semibold">
        {t('status.title')}
      </h2>
      {intents.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t('status.noneAvailable')}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="mt-2 space-y-3">
          <p className="text-sm text-slate-600">{t('status.help')}</p>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="version" value={version} />
          <div>
            <label htmlFor={fields.reason.id} className="block text-sm font-medium text-slate-800">
              {t('status.reason')}
            </label>
            <textarea
              {...getTextareaProps(fields.reason)}
              rows={2}
              maxLength={500}
              aria-invalid={reasonErrorId ? true : undefined}
              aria-describedby={`${fields.reason.id}-hint${reasonErrorId ? ` ${reasonErrorId}` : ''}`}
              className={`mt-1 ${inputClass}`}
            />
            <p id={`${fields.reason.id}-hint`} className="mt-1 text-xs text-slate-500">
              {t('status.reasonHint')}
            </p>
            <ErrorList id={reasonErrorId} errors={translate(fields.reason.errors)} />
          </div>
          <div className="flex flex-wrap gap-2">
            {intents.map((intent) => (
              <Button
                key={intent}
                name="intent"
                value={intent}
                variant={variants[intent]}
                disabled={navigation.state === 'submitting'}
              >
                {pending(intent) ? t('status.working') : t(`status.${intent}`)}
              </Button>
            ))}
          </div>
        </Form>
      )}
    </section>
  )
}
