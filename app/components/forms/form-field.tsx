import { type FieldMetadata, getInputProps, getSelectProps } from '@conform-to/react'
import type { InputHTMLAttributes, ReactNode } from 'react'
import { useFieldErrors } from '#app/components/form-errors.tsx'
import { Field, SelectField } from '#app/components/ui/field.tsx'

type Common<Schema> = {
  field: FieldMetadata<Schema>
  label: ReactNode
  hint?: ReactNode
  className?: string
}

/**
 * A conform field as a labelled input: name, id, constraints and the translated errors come from the field, the
 * rest (autoComplete, autoFocus, …) is passed through to the input.
 */
export function FormField<Schema>({
  field,
  type,
  label,
  hint,
  className,
  ...input
}: Common<Schema> & { type: 'text' | 'email' | 'password' } & Omit<
    InputHTMLAttributes<HTMLInputElement>,
    'type' | 'name' | 'id' | 'className'
  >) {
  const errors = useFieldErrors()
  return (
    <Field
      label={label}
      hint={hint}
      className={className}
      inputProps={{ ...getInputProps(field, { type }), ...input }}
      errors={errors(field.errors)}
    />
  )
}

/** A conform field as a labelled select. */
export function FormSelectField<Schema>({
  field,
  options,
  ...frame
}: Common<Schema> & { options: { value: string; label: string }[] }) {
  const errors = useFieldErrors()
  return (
    <SelectField
      {...frame}
      selectProps={getSelectProps(field)}
      options={options}
      errors={errors(field.errors)}
    />
  )
}
