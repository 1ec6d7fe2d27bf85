import { getFormProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors, useFieldErrors } from '#app/components/form-errors.tsx'
import { SubmitButton } from '#app/components/forms/form-actions.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { ErrorList, inputClass } from '#app/components/ui/field.tsx'
import { AcceptQuoteSchema, DeclineQuoteSchema } from '#app/features/quotes/schemas.ts'
import { SignaturePad } from './signature-pad.tsx'

export const ACCEPT_FORM_ID = 'accept-quote'

type Props = {
  revision: number
  version: number
  signerName: string
  lastResult?: SubmissionResult<string[]> | null
}

/** Accept: name, signature and consent; the optional lines' tick boxes live in the lines table (form attribute). */
export function AcceptQuoteForm({ revision, version, signerName, lastResult }: Props) {
  const { t } = useTranslation('quotes')
  const errors = useFieldErrors()
  const navigation = useNavigation()
  const [form, fields] = useZodForm({ id: ACCEPT_FORM_ID, schema: AcceptQuoteSchema, lastResult })
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <h2 className="text-lg font-semibold">{t('accept.heading')}</h2>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="accept" />
      <input type="hidden" name="revision" value={revision} />
      <input type="hidden" name="version" value={version} />
      <label className="block">
        <span className="block text-sm font-medium text-slate-800">{t('accept.signerName')}</span>
        <input
          name={fields.signerName.name}
          defaultValue={signerName}
          className={`mt-1 ${inputClass}`}
          autoComplete="name"
          aria-describedby={fields.signerName.errorId}
        />
        <ErrorList id={fields.signerName.errorId} errors={errors(fields.signerName.errors)} />
      </label>
      <SignaturePad defaultName={signerName} errorId={fields.signature.errorId} />
      <ErrorList id={fields.signature.errorId} errors={errors(fields.signature.errors)} />
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name={fields.agree.name} className="mt-1" />
        <span>{t('accept.agree')}</span>
      </label>
      <ErrorList id={fields.agree.errorId} errors={errors(fields.agree.errors)} />
      <SubmitButton
        label={t('accept.submit')}
        submittingLabel={t('accept.submitting')}
        pending={navigation.formData?.get('intent') === 'accept'}
      />
    </Form>
  )
}

export function DeclineQuoteForm({
  version,
  lastResult,
}: {
  version: number
  lastResult?: SubmissionResult<string[]> | null
}) {
  const { t } = useTranslation('quotes')
  const errors = useFieldErrors()
  const navigation = useNavigation()
  const [form, fields] = useZodForm({ id: 'decline-quote', schema: DeclineQuoteSchema, lastResult })
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <h2 className="text-lg font-semibold">{t('decline.heading')}</h2>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="decline" />
      <input type="hidden" name="version" value={version} />
      <label className="block">
        <span className="block text-sm font-medium text-slate-800">{t('decline.reason')}</span>
        <textarea {...getTextareaProps(fields.reason)} rows={3} className={`mt-1 ${inputClass}`} />
        <ErrorList id={fields.reason.errorId} errors={errors(fields.reason.errors)} />
      </label>
      <SubmitButton
        label={t('decline.submit')}
        submittingLabel={t('decline.submitting')}
        pending={navigation.formData?.get('intent') === 'decline'}
      />
    </Form>
  )
}
