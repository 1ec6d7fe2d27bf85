import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button, buttonClass } from '#app/components/ui/button.tsx'
import { Field, SelectField } from '#app/components/ui/field.tsx'
import { type ProductFilters as Filters, productStatusFilters } from '#app/features/products/schemas.ts'

/** GET form: filters live in the query string, so results can be bookmarked and paginated. */
export function ProductFilters({ filters }: { filters: Filters }) {
  const { t } = useTranslation('products')
  const active = Object.values(filters).some(Boolean)
  return (
    <Form
      method="get"
      role="search"
      aria-label={t('list.filters.label')}
      // Remount when the URL changes so the uncontrolled inputs show the current values.
      key={JSON.stringify(filters)}
      className="mb-4 grid items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-4"
    >
      <Field
        className="lg:col-span-2"
        label={t('list.filters.q')}
        inputProps={{
          name: 'q',
          type: 'search',
          defaultValue: filters.q ?? '',
          placeholder: t('list.filters.qPlaceholder'),
          maxLength: 100,
        }}
      />
      <SelectField
        label={t('list.filters.status')}
        selectProps={{ name: 'status', defaultValue: filters.status ?? '' }}
        options={[
          { value: '', label: t('list.filters.any') },
          ...productStatusFilters.map((s) => ({ value: s, label: t(`status.${s}`) })),
        ]}
      />
      <div className="flex gap-2">
        <Button>{t('list.filters.apply')}</Button>
        {active ? (
          <Link to="/products" className={buttonClass('ghost')}>
            {t('list.filters.clear')}
          </Link>
        ) : null}
      </div>
    </Form>
  )
}
