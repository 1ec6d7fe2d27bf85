import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors } from '#app/components/form-errors.tsx'
import { SubmitButton } from '#app/components/forms/form-actions.tsx'
import { FormField } from '#app/components/forms/form-field.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { InternalChannelSchema } from '#app/features/chat/schemas.ts'

/** Staff-only channel: partners never see it. */
export function NewInternalChannel({ lastResult }: { lastResult?: SubmissionResult<string[]> | null }) {
  const { t } = useTranslation('chat')
  const [form, fields] = useZodForm({ id: 'new-internal-channel', schema: InternalChannelSchema, lastResult })
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-col gap-3">
      <input type="hidden" name="intent" value="internal" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <FormField
        field={fields.name}
        type="text"
        label={t('index.internalName')}
        hint={t('index.internalHint')}
      />
      <SubmitButton
        label={t('index.createInternal')}
        submittingLabel={t('index.creating')}
        className="self-start"
      />
    </Form>
  )
}
