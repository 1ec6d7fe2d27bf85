import { Form } from '@remix-run/react'
import { buttonClass } from '#app/components/ui/button.tsx'

const fieldClass = 'mt-1 rounded border border-slate-300 px-2 py-1.5'

/**
 * The GET filter of a list page read by readListQuery (`?q=&status=`): a search field, a status choice ("any" first)
 * and a submit button. Labels come translated from the page.
 */
export function StatusSearchFilter<S extends string>(props: {
  q: string
  status: string
  statuses: readonly S[]
  statusLabel: (status: S) => string
  labels: { search: string; status: string; anyStatus: string; filter: string }
}) {
  const { labels } = props
  return (
    <Form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
      <label className="text-sm">
        <span className="block font-medium text-slate-700">{labels.search}</span>
        <input name="q" type="search" defaultValue={props.q} className={fieldClass} />
      </label>
      <label className="text-sm">
        <span className="block font-medium text-slate-700">{labels.status}</span>
        <select name="status" defaultValue={props.status} className={fieldClass}>
          <option value="">{labels.anyStatus}</option>
          {props.statuses.map((s) => (
            <option key={s} value={s}>
              {props.statusLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className={buttonClass('secondary')}>
        {labels.filter}
      </button>
    </Form>
  )
}
