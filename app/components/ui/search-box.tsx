import { Form } from '@remix-run/react'
import { useId } from 'react'

/** A one-field GET search (`?name=`): the label is for screen readers, the placeholder says the same. */
export function SearchBox({
  label,
  defaultValue,
  name = 'q',
  className = 'flex gap-2',
}: {
  label: string
  defaultValue: string
  name?: string
  className?: string
}) {
  const id = useId()
  return (
    <Form method="get" role="search" className={className}>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="search"
        defaultValue={defaultValue}
        placeholder={label}
        className="w-full rounded border border-slate-300 px-2 py-1 text-sm"
      />
    </Form>
  )
}
