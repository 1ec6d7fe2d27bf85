import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button, buttonClass } from '#app/components/ui/button.tsx'
import { Field, SelectField } from '#app/components/ui/field.tsx'

type Props = {
  filters: { action?: string; actor?: string }
  actors: { id: string; name: string }[]
}

export function AuditFilters({ filters, actors }: Props) {
  const { t } = useTranslation('admin')
  return (
    <Form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
      <Field
        className="min-w-56 flex-1"
        label={t('audit.filterAction')}
        hint={t('audit.filterActionHint')}
        inputProps={{
          name: 'action',
          type: 'search',
          defaultValue: filters.action ?? '',
          placeholder: 'member.',
        }}
      />
      <SelectField
        label={t('audit.filterActor')}
        selectProps={{ name: 'actor', defaultValue: filters.actor ?? '' }}
        options={[
          { value: '', label: t('audit.anyActor') },
          ...actors.map((a) => ({ value: a.id, label: a.name })),
        ]}
      />
      <Button variant="secondary">{t('common:actions.filter')}</Button>
      {filters.action || filters.actor ? (
        <Link to="/admin/audit" className={buttonClass('ghost')}>
          {t('common:actions.clear')}
        </Link>
      ) : null}
    </Form>
  )
}
