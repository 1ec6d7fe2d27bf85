import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button, buttonClass } from '#app/components/ui/button.tsx'
import { Field, SelectField } from '#app/components/ui/field.tsx'
import { roles } from '#app/features/auth/permissions.ts'

type Props = { filters: { q?: string; role?: string; status?: string } }

/** Search and filters travel in the query string (GET), so a filtered list can be bookmarked and shared. */
export function MemberFilters({ filters }: Props) {
  const { t } = useTranslation('admin')
  return (
    <Form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
      <Field
        className="min-w-56 flex-1"
        label={t('users.search')}
        inputProps={{
          name: 'q',
          type: 'search',
          defaultValue: filters.q ?? '',
          placeholder: t('users.searchHint'),
        }}
      />
      <SelectField
        label={t('users.columns.role')}
        selectProps={{ name: 'role', defaultValue: filters.role ?? '' }}
        options={[
          { value: '', label: t('users.anyRole') },
          ...roles.map((r) => ({ value: r, label: t(`common:role.${r}`) })),
        ]}
      />
      <SelectField
        label={t('users.columns.status')}
        selectProps={{ name: 'status', defaultValue: filters.status ?? '' }}
        options={[
          { value: '', label: t('users.anyStatus') },
          { value: 'active', label: t('status.active') },
          { value: 'deactivated', label: t('status.deactivated') },
        ]}
      />
      <Button variant="secondary">{t('common:actions.filter')}</Button>
      {filters.q || filters.role || filters.status ? (
        <Link to="/admin/users" className={buttonClass('ghost')}>
          {t('common:actions.clear')}
        </Link>
      ) : null}
    </Form>
  )
}
