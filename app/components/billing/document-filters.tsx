import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button, buttonClass } from '#app/components/ui/button.tsx'
import { Field, SelectField } from '#app/components/ui/field.tsx'

type Props = {
  basePath: string
  filters: { q?: string; status?: string }
  statuses: readonly string[]
  /** The namespace holding the `filters.q` search label and the `status.<value>` labels. */
  ns: string
}

/** Search and status filter for quote and invoice lists (GET, so results can be bookmarked and paged). */
export function DocumentFilters({ basePath, filters, statuses, ns }: Props) {
  const { t } = useTranslation(['billing', ns])
  const active = Boolean(filters.q || filters.status)
  return (
    <Form
      method="get"
      role="search"
      aria-label={t('filters.label')}
      key={JSON.stringify(filters)}
      className="mb-4 grid items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-4"
    >
      <Field
        className="sm:col-span-2"
        label={t('filters.q', { ns })}
        inputProps={{ name: 'q', type: 'search', defaultValue: filters.q ?? '', maxLength: 100 }}
      />
      <SelectField
        label={t('filters.status')}
        selectProps={{ name: 'status', defaultValue: filters.status ?? '' }}
        options={[
          { value: '', label: t('filters.any') },
          ...statuses.map((s) => ({ value: s, label: t(`status.${s}`, { ns }) })),
        ]}
      />
      <div className="flex gap-2">
        <Button>{t('filters.apply')}</Button>
        {active ? (
          <Link to={basePath} className={buttonClass('ghost')}>
            {t('filters.clear')}
          </Link>
        ) : null}
      </div>
    </Form>
  )
}
