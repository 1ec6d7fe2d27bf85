import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors } from '#app/components/form-errors.tsx'
import { SubmitButton } from '#app/components/forms/form-actions.tsx'
import { FormField } from '#app/components/forms/form-field.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { buttonClass } from '#app/components/ui/button.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { SearchBox } from '#app/components/ui/search-box.tsx'
import { Table, Td, Th, Tr } from '#app/components/ui/table.tsx'
import type { RowChoice } from '#app/features/forecasts/forecast-products.server.ts'
import { AddForecastProductSchema } from '#app/features/forecasts/schemas.ts'

/** A SKU the partner types (it cannot read the manufacturer's catalogue). */
function TypedSkuForm({
  lastResult,
  refusal,
}: {
  lastResult?: SubmissionResult<string[]> | null
  refusal?: string
}) {
  const { t } = useTranslation('forecastSetup')
  const [form, fields] = useZodForm({ id: 'add-sku', schema: AddForecastProductSchema, lastResult })
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="mt-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3 sm:items-start"
    >
      <input type="hidden" name="intent" value="add" />
      <div className="sm:col-span-3">
        {refusal ? <Notice tone="error">{refusal}</Notice> : null}
        <FormErrors id={form.errorId} errors={form.errors} />
      </div>
      <FormField field={fields.sku} type="text" label={t('picker.sku')} autoComplete="off" required />
      <FormField
        field={fields.name}
        type="text"
        label={t('picker.name')}
        hint={t('picker.nameHint')}
        autoComplete="off"
      />
      <div className="sm:mt-6">
        <SubmitButton label={t('picker.add')} submittingLabel={t('picker.adding')} />
      </div>
    </Form>
  )
}

/**
 * What may be added: the manufacturer's active catalogue (one product, or all of it at once), or the SKUs the
 * partner bought on the partnership and any SKU it types.
 */
export function RowPicker({
  side,
  choices,
  q,
  missingCatalogue,
  lastResult,
  refusal,
}: {
  side: 'host' | 'partner'
  choices: RowChoice[]
  q: string
  missingCatalogue: number
  lastResult?: SubmissionResult<string[]> | null
  /** Why the typed SKU was refused (translated), shown beside its form. */
  refusal?: string
}) {
  const { t } = useTranslation('forecastSetup')
  return (
    <section aria-labelledby="picker-title" className="mt-6">
      <h3 id="picker-title" className="text-base font-semibold text-slate-900">
        {t(side === 'host' ? 'picker.titleHost' : 'picker.titlePartner')}
      </h3>
      <p className="mb-2 text-sm text-slate-600">
        {t(side === 'host' ? 'picker.helpHost' : 'picker.helpPartner')}
      </p>
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <SearchBox label={t('picker.search')} defaultValue={q} className="flex max-w-sm flex-1 gap-2" />
        {side === 'host' && missingCatalogue > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="addAll" />
            <button type="submit" className={buttonClass('secondary')}>
              {t('picker.addAll', { count: missingCatalogue })}
            </button>
          </Form>
        ) : null}
      </div>
      {choices.length === 0 ? (
        <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-600">
          {t(q ? 'picker.noMatch' : side === 'host' ? 'picker.noneHost' : 'picker.nonePartner')}
        </p>
      ) : (
        <Table caption={t('picker.caption')}>
          <thead className="bg-slate-50">
            <tr>
              <Th>{t('picker.sku')}</Th>
              <Th>{t('picker.name')}</Th>
              <Th className="sr-only">{t('rows.actions')}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {choices.map((c) => (
              <Tr key={c.productId ?? c.sku}>
                <Td className="font-medium text-slate-900">{c.sku}</Td>
                <Td>{c.name}</Td>
                <Td className="text-end">
                  <Form method="post">
                    <input type="hidden" name="intent" value="add" />
                    {c.productId ? (
                      <input type="hidden" name="productId" value={c.productId} />
                    ) : (
                      <>
                        <input type="hidden" name="sku" value={c.sku} />
                        <input type="hidden" name="name" value={c.name} />
                      </>
                    )}
                    <button
                      type="submit"
                      className={buttonClass('secondary', 'px-2 py-1')}
                      aria-label={t('picker.addLabel', { sku: c.sku })}
                    >
                      {t('picker.add')}
                    </button>
                  </Form>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      {side === 'partner' ? <TypedSkuForm lastResult={lastResult} refusal={refusal} /> : null}
    </section>
  )
}
