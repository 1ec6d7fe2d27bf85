import { parseWithZod } from '@conform-to/zod'
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { NewFundForm } from '#app/components/funds/new-fund-form.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { currencyOptions } from '#app/features/admin/schemas.ts'
import { can } from '#app/features/auth/permissions.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { createFund } from '#app/features/funds/create-fund.server.ts'
import { listFunds } from '#app/features/funds/list-funds.server.ts'
import { FundSchema } from '#app/features/funds/schemas.ts'
import { runService } from '#app/features/service-context.server.ts'
import { attempt } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { formatMoney } from '#app/lib/money.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'funds') }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'funds:read')
  const result = await runService(auth, context, (ctx) => listFunds(ctx))
  const canCreate = auth.org.kind === 'manufacturer' && can(auth.role, 'funds:manage')
  return {
    ...result,
    manufacturer: auth.org.kind === 'manufacturer',
    canCreate,
    currency: auth.org.defaultCurrency,
    currencies: canCreate ? currencyOptions() : [],
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'funds:manage')
  const submission = parseWithZod(await readForm(request), { schema: FundSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await attempt(() => runService(auth, context, (ctx) => createFund(ctx, submission.value)))
  if (!result.ok) {
    const field = result.error.details?.field
    return data(
      submission.reply(
        typeof field === 'string'
          ? { fieldErrors: { [field]: [result.error.message] } }
          : { formErrors: [result.error.message] },
      ),
      { status: result.error.status },
    )
  }
  return redirect(`/funds/${result.value.id}`)
}

/** A manufacturer's funds with what is allocated; a partner's own allocations with what is left. */
export default function FundsIndex() {
  const { funds, allocations, manufacturer, canCreate, currency, currencies } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t, i18n } = useTranslation('funds')
  const money = (amount: number, c: string) => formatMoney(amount, c, i18n.language)
  return (
    <>
      <PageHeader
        title={t('title')}
        description={manufacturer ? t('index.hostDescription') : t('index.partnerDescription')}
      />
      {canCreate ? (
        <section aria-labelledby="new-fund" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="new-fund" className="mb-3 text-sm font-semibold text-slate-900">
            {t('form.title')}
          </h2>
          <NewFundForm
            currency={currency}
            currencies={currencies.map((c) => ({ value: c, label: c }))}
            lastResult={lastResult}
          />
        </section>
      ) : null}
      {manufacturer ? (
        funds.length === 0 ? (
          <EmptyState title={t('index.noFunds')} body={canCreate ? t('index.noFundsBody') : undefined} />
        ) : (
          <table className="w-full rounded-lg border border-slate-200 bg-white text-sm">
            <caption className="sr-only">{t('index.funds')}</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2 text-start">
                  {t('fund.name')}
                </th>
                <th scope="col" className="px-3 py-2 text-start">
                  {t('fund.period')}
                </th>
                <th scope="col" className="px-3 py-2 text-end">
                  {t('fund.budget')}
                </th>
                <th scope="col" className="px-3 py-2 text-end">
                  {t('fund.allocated')}
                </th>
                <th scope="col" className="px-3 py-2 text-end">
                  {t('fund.unallocated')}
                </th>
                <th scope="col" className="px-3 py-2 text-end">
                  {t('fund.partners')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {funds.map((f) => (
                <tr key={f.id}>
                  <td className="px-3 py-2">
                    <Link to={`/funds/${f.id}`} className="font-medium text-brand-700 hover:underline">
                      {f.name}
                    </Link>{' '}
                    <span className="text-xs text-slate-500">{t(`program.${f.program}`)}</span>
                  </td>
                  <td className="px-3 py-2 text-slate-600">
                    {f.startsOn} – {f.endsOn}
                  </td>
                  <td className="px-3 py-2 text-end">{money(f.budget, f.currency)}</td>
                  <td className="px-3 py-2 text-end">{money(f.allocated, f.currency)}</td>
                  <td className="px-3 py-2 text-end font-medium">{money(f.unallocated, f.currency)}</td>
                  <td className="px-3 py-2 text-end">{f.partners}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
      {allocations.length > 0 || !manufacturer ? (
        <section aria-labelledby="my-allocations" className="mt-8">
          <h2 id="my-allocations" className="mb-2 text-lg font-semibold text-slate-900">
            {t('index.yourAllocations')}
          </h2>
          {allocations.length === 0 ? (
            <EmptyState title={t('index.noAllocations')} />
          ) : (
            <table className="w-full rounded-lg border border-slate-200 bg-white text-sm">
              <thead className="bg-slate-50 text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="px-3 py-2 text-start">
                    {t('fund.name')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-start">
                    {t('fund.from')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-end">
                    {t('balance.allocated')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-end">
                    {t('balance.committed')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-end">
                    {t('balance.spent')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-end">
                    {t('balance.available')}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {allocations.map((a) => (
                  <tr key={a.id}>
                    <td className="px-3 py-2">
                      <Link to={`/funds/${a.fundId}`} className="font-medium text-brand-700 hover:underline">
                        {a.fundName}
                      </Link>
                    </td>
                    <td className="px-3 py-2 text-slate-600">{a.hostName}</td>
                    <td className="px-3 py-2 text-end">{money(a.allocated, a.currency)}</td>
                    <td className="px-3 py-2 text-end">{money(a.committed, a.currency)}</td>
                    <td className="px-3 py-2 text-end">{money(a.spent, a.currency)}</td>
                    <td className="px-3 py-2 text-end font-medium">{money(a.available, a.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
    </>
  )
}
