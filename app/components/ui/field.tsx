import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, useId } from 'react'

type FieldProps = {
  label: ReactNode
  errors?: string[]
  hint?: ReactNode
  className?: string
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] }) {
  if (!errors?.length) return null
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm text-red-700">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  )
}

/** The look of every text input, select and textarea. */
export const inputClass =
  'block w-full rounded-md border-0 px-3 py-2 text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600 aria-[invalid=true]:ring-red-500'

/** The props that tie a control to its label and announce its errors; the caller's id wins over a generated one. */
function useControlWiring(explicitId: string | undefined, errors: string[] | undefined) {
  const fallbackId = useId()
  const id = explicitId ?? fallbackId
  const errorId = errors?.length ? `${id}-error` : undefined
  return {
    errorId,
    controlProps: {
      id,
      className: `mt-1 ${inputClass}`,
      'aria-invalid': errorId ? true : undefined,
      'aria-describedby': errorId,
    },
  }
}

/** Label above, control, then the optional hint and the errors. */
function FieldFrame({
  label,
  errors,
  hint,
  className = '',
  controlId,
  errorId,
  children,
}: FieldProps & { controlId: string; errorId?: string; children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={controlId} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}

/** A labelled input whose errors are announced and tied to it with aria-describedby. */
export function Field({
  inputProps,
  ...frame
}: FieldProps & { inputProps: InputHTMLAttributes<HTMLInputElement> }) {
  const { errorId, controlProps } = useControlWiring(inputProps.id, frame.errors)
  return (
    <FieldFrame {...frame} controlId={controlProps.id} errorId={errorId}>
      <input {...inputProps} {...controlProps} />
    </FieldFrame>
  )
}

export function SelectField({
  selectProps,
  options,
  ...frame
}: FieldProps & {
  selectProps: SelectHTMLAttributes<HTMLSelectElement>
  options: { value: string; label: string }[]
}) {
  const { errorId, controlProps } = useControlWiring(selectProps.id, frame.errors)
  return (
    <FieldFrame {...frame} controlId={controlProps.id} errorId={errorId}>
      <select {...selectProps} {...controlProps}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  )
}
