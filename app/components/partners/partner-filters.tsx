import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button, buttonClass } from '#app/components/ui/button.tsx'
import { Field, SelectField } from '#app/components/ui/field.tsx'
import type { PartnerFilters as Filters } from '#app/features/partners/schemas.ts'
import { orgKinds } from '#db/schema/organizations.ts'
import { partnershipStatuses, partnershipTiers } from '#db/schema/partnerships.ts'

/** GET form: filters live in the query string, so results can be bookmarked and paginated. */
export function PartnerFilters({ filters }: { filters: Filters }) {
  const { t } = useTranslation('partners')
  const any = { value: '', label: t('directory.filters.any') }
  const active = Object.values(filters).some(Boolean)
  return (
    <Form
      method="get"
      role="search"
      aria-label={t('directory.filters.label')}
      // Remount when the URL changes so the uncontrolled inputs show the current values.
      key={JSON.stringify(filters)}
      className="mb-4 grid items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-6"
    >
      <Field
        className="lg:col-span-2"
        label={t('directory.filters.q')}
        inputProps={{
          name: 'q',
          type: 'search',
          defaultValue: filters.q ?? '',
          placeholder: t('directory.filters.qPlaceholder'),
          maxLength: 100,
        }}
      />
      <SelectField
        label={t('directory.filters.kind')}
        selectProps={{ name: 'kind', defaultValue: filters.kind ?? '' }}
        options={[any, ...orgKinds.map((k) => ({ value: k, label: t(`orgKind.${k}`, { ns: 'common' }) }))]}
      />
      <SelectField
        label={t('directory.filters.tier')}
        selectProps={{ name: 'tier', defaultValue: filters.tier ?? '' }}
        options={[any, ...partnershipTiers.map((k) => ({ value: k, label: t(`tier.${k}`) }))]}
      />
      <SelectField
        label={t('directory.filters.status')}
        selectProps={{ name: 'status', defaultValue: filters.status ?? '' }}
        options={[
          any,
          ...partnershipStatuses.map((k) => ({
            value: k,
            label: t(`partnershipStatus.${k}`, { ns: 'common' }),
          })),
        ]}
      />
      <div className="flex gap-2">
        <Button>{t('directory.filters.apply')}</Button>
        {active ? (
          <Link to="/partners" className={buttonClass('ghost')}>
            {t('directory.filters.clear')}
          </Link>
        ) : null}
      </div>
    </Form>
  )
}
