import { getFormProps, getSelectProps, getTextareaProps } from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { FormErrors, useFieldErrors } from '#app/components/form-errors.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { Button } from '#app/components/ui/button.tsx'
import { ErrorList, inputClass } from '#app/components/ui/field.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import {
  type ExceptionFormName,
  type ExceptionReply,
  type ExplainSchema,
  exceptionForms,
  OwnerSchema,
} from '#app/features/forecasts/exception-schemas.ts'

type Candidate = { id: string; name: string; orgName: string }
type Exception = { status: 'open' | 'explained' | 'resolved'; ownerId: string | null; breaking: boolean }

/** The refusal of the form that was sent, and, when someone changed the exception meanwhile, what it is now. */
function Refusal({ reply }: { reply?: ExceptionReply }) {
  const { t } = useTranslation('forecastExceptions')
  const messages = reply?.result.error?.[''] ?? []
  if (!reply || messages.length === 0) return null
  const now = reply.current
  return (
    <Notice tone="error">
      {messages.map((key) => (
        <span key={key} className="block">
          {t(key, reply.values)}
        </span>
      ))}
      {now ? (
        <span className="mt-1 block">
          {t('stale.now', {
            status: t(`status.${now.status}`),
            owner: now.ownerName ?? t('owner.nobody'),
          })}
          {now.note ? ` ${t('stale.note', { note: now.note })}` : ''}
        </span>
      ) : null}
    </Notice>
  )
}

function useExceptionForm<Schema extends z.ZodTypeAny>(
  name: ExceptionFormName,
  schema: Schema,
  reply?: ExceptionReply,
) {
  const navigation = useNavigation()
  const mine = reply?.form === name ? reply : undefined
  const [form, fields] = useZodForm({ id: `exception-${name}`, schema, lastResult: mine?.result })
  return { form, fields, mine, pending: navigation.formData?.get('intent') === name }
}

/** A note and a submit: explaining, resolving and reopening look the same. */
function NoteForm({
  name,
  version,
  reply,
  required,
}: {
  name: 'explain' | 'resolve' | 'reopen'
  version: number
  reply?: ExceptionReply
  required: boolean
}) {
  const { t } = useTranslation('forecastExceptions')
  const errors = useFieldErrors()
  // The three schemas share their fields (intent, version, note); only reopen's note is optional.
  const schema = exceptionForms[name] as typeof ExplainSchema
  const { form, fields, mine, pending } = useExceptionForm(name, schema, reply)
  const note = fields.note
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      aria-labelledby={`${form.id}-title`}
      className="space-y-2 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <h3 id={`${form.id}-title`} className="font-semibold text-slate-900">
        {t(`${name}.title`)}
      </h3>
      <p className="text-sm text-slate-600">{t(`${name}.description`)}</p>
      <Refusal reply={mine} />
      <FormErrors id={form.errorId} errors={mine?.current ? undefined : form.errors} />
      <input type="hidden" name="intent" value={name} />
      <input type="hidden" name="version" value={mine?.current?.version ?? version} />
      <label className="block">
        <span className="block text-sm font-medium text-slate-800">
          {t(required ? 'note.label' : 'note.optional')}
        </span>
        <textarea {...getTextareaProps(note)} rows={3} className={`mt-1 ${inputClass}`} />
        <ErrorList id={note.errorId} errors={errors(note.errors)} />
      </label>
      <Button variant={name === 'resolve' ? 'primary' : 'secondary'} disabled={pending}>
        {pending ? t('sending') : t(`${name}.submit`)}
      </Button>
    </Form>
  )
}

function OwnerForm({
  version,
  exception,
  candidates,
  reply,
}: {
  version: number
  exception: Exception
  candidates: Candidate[]
  reply?: ExceptionReply
}) {
  const { t } = useTranslation('forecastExceptions')
  const errors = useFieldErrors()
  const { form, fields, mine, pending } = useExceptionForm('owner', OwnerSchema, reply)
  const owner = fields.ownerId
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      aria-labelledby="exception-owner-title"
      className="space-y-2 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <h3 id="exception-owner-title" className="font-semibold text-slate-900">
        {t('owner.title')}
      </h3>
      <Refusal reply={mine} />
      <FormErrors id={form.errorId} errors={mine?.current ? undefined : form.errors} />
      <input type="hidden" name="intent" value="owner" />
      <input type="hidden" name="version" value={mine?.current?.version ?? version} />
      <label className="block">
        <span className="block text-sm font-medium text-slate-800">{t('owner.label')}</span>
        <select
          {...getSelectProps(owner)}
          defaultValue={exception.ownerId ?? ''}
          className={`mt-1 ${inputClass}`}
        >
          <option value="">{t('owner.nobody')}</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.orgName})
            </option>
          ))}
        </select>
        <ErrorList id={owner.errorId} errors={errors(owner.errors)} />
      </label>
      <Button variant="secondary" disabled={pending}>
        {pending ? t('sending') : t('owner.submit')}
      </Button>
    </Form>
  )
}

/**
 * What an editing person can do with an exception: give it an owner, explain it, resolve it with what was decided,
 * or reopen it. Each form carries the version shown; after a refusal because someone changed it meanwhile, the
 * form carries the current one, so sending again (what was typed is kept) applies it over theirs knowingly.
 */
export function ExceptionForms({
  exception,
  version,
  candidates,
  reply,
}: {
  exception: Exception
  version: number
  candidates: Candidate[]
  reply?: ExceptionReply
}) {
  const { t } = useTranslation('forecastExceptions')
  return (
    <section aria-labelledby="exception-actions-title" className="mt-8 space-y-4">
      <h2 id="exception-actions-title" className="text-lg font-semibold text-slate-900">
        {t('detail.actions')}
      </h2>
      <div className="grid gap-4 lg:grid-cols-2">
        <OwnerForm version={version} exception={exception} candidates={candidates} reply={reply} />
        {exception.status === 'resolved' ? (
          exception.breaking ? (
            <NoteForm name="reopen" version={version} reply={reply} required={false} />
          ) : (
            <p className="text-sm text-slate-600">{t('reopen.withinRule')}</p>
          )
        ) : (
          <>
            <NoteForm name="explain" version={version} reply={reply} required />
            <NoteForm name="resolve" version={version} reply={reply} required />
          </>
        )}
      </div>
    </section>
  )
}
