import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { FormActions } from '#app/components/forms/form-actions.tsx'
import { inputClass } from '#app/components/ui/field.tsx'

/**
 * The upload form of every CSV import: one required file field (text types), described by the import's report
 * once there is one, and send / back. `children` (help text) comes before the field.
 */
export function CsvUploadForm(props: {
  fileLabel: string
  submitLabel: string
  submittingLabel: string
  cancelTo: string
  cancelLabel: string
  describedBy?: string
  children?: ReactNode
}) {
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className="max-w-2xl space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200"
    >
      {props.children}
      <div>
        <label htmlFor="import-file" className="block text-sm font-medium text-slate-800">
          {props.fileLabel}
        </label>
        <input
          id="import-file"
          name="file"
          type="file"
          accept=".csv,text/csv,text/plain"
          required
          aria-describedby={props.describedBy}
          className={`mt-1 ${inputClass}`}
        />
      </div>
      <FormActions
        label={props.submitLabel}
        submittingLabel={props.submittingLabel}
        cancelTo={props.cancelTo}
        cancelLabel={props.cancelLabel}
      />
    </Form>
  )
}
