import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

type Org = { id: string; name: string; kind: string }

/** For people who belong to several organizations; the active one lives in the session. */
export function OrgSwitcher({ current, orgs }: { current: string; orgs: Org[] }) {
  const { t } = useTranslation()
  return (
    <Form method="post" action="/switch-org" className="flex items-center gap-2 text-sm">
      <label htmlFor="org-switcher" className="sr-only">
        {t('orgSwitcher.label')}
      </label>
      <select
        id="org-switcher"
        name="orgId"
        defaultValue={current}
        className="rounded-md border-0 py-1 ps-2 pe-8 text-sm ring-1 ring-slate-300"
      >
        {orgs.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name} · {t(`orgKind.${o.kind}`)}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="rounded-md px-2 py-1 text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
      >
        {t('orgSwitcher.switch')}
      </button>
    </Form>
  )
}
