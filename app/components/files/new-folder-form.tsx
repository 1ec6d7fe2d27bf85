import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors } from '#app/components/form-errors.tsx'
import { SubmitButton } from '#app/components/forms/form-actions.tsx'
import { FormField, FormSelectField } from '#app/components/forms/form-field.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { FolderSchema } from '#app/features/documents/schemas.ts'

/** A new folder: internal (staff only) or shared on a partnership; inside a folder, a subfolder of it. */
export function NewFolderForm({
  scopes,
  lastResult,
}: {
  scopes?: { value: string; label: string }[]
  lastResult?: SubmissionResult<string[]> | null
}) {
  const { t } = useTranslation('files')
  const [form, fields] = useZodForm({ id: 'new-folder', schema: FolderSchema, lastResult })
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-end gap-3">
      <FormErrors id={form.errorId} errors={form.errors} />
      <FormField field={fields.name} type="text" label={t('folder.name')} className="min-w-56" />
      {scopes ? (
        <FormSelectField
          field={fields.scope}
          label={t('folder.scope')}
          options={scopes}
          className="min-w-56"
        />
      ) : null}
      <SubmitButton label={t('folder.create')} submittingLabel={t('folder.creating')} />
    </Form>
  )
}
