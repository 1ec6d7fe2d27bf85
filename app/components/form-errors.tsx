import { useTranslation } from 'react-i18next'
import { ErrorList } from './ui/field.tsx'

/** Translates validation keys coming back from the server or the client-side check. */
export function useFieldErrors() {
  const { t } = useTranslation()
  return (errors: string[] | undefined) => errors?.map((e) => t(e, { ns: 'common' }))
}

export function FormErrors({ id, errors }: { id?: string; errors?: string[] }) {
  const translate = useFieldErrors()
  const list = translate(errors)
  if (!list?.length) return null
  return (
    <div role="alert" className="mb-4 rounded-md bg-red-50 p-3 ring-1 ring-red-600/20">
      <ErrorList id={id} errors={list} />
    </div>
  )
}
