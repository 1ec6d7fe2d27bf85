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
import { LocalTime } from '#app/components/admin/local-time.tsx'
import { AllocateForm } from '#app/components/funds/allocate-form.tsx'
import { RuleAllocation, type RulePreview } from '#app/components/funds/rule-allocation.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { allocateFromForm } from '#app/features/funds/allocate-from-form.server.ts'
import { getFund } from '#app/features/funds/get-fund.server.ts'
import {
  type AllocationRule,
  allocationRules,
  applyAllocationPlan,
  planAllocation,
} from '#app/features/funds/plan-allocation.server.ts'
import { AllocateSchema } from '#app/features/funds/schemas.ts'
import { listPartnerships } from '#app/features/partners/list-partnerships.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { AppError, attempt, notFound, orRespond } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { formatMoney, parseAmount } from '#app/lib/money.ts'
import { readPage } from '#app/lib/pagination.ts'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, 'fund', data?.fund.name) },
]

const readRule = (value: FormDataEntryValue | null): AllocationRule =>
  allocationRules.includes(value as AllocationRule) ? (value as AllocationRule) : 'equal'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'funds:read')
  const url = new URL(request.url)
  const page = readPage(url)
  const view = await orRespond(() =>
    runService(auth, context, async (ctx) => {
      const fund = await getFund(ctx, params.fundId ?? '', page)
      const partners = fund.canManage
        ? await listPartnerships(ctx, { page: 1, pageSize: 200, status: 'active' })
        : null
      return {
        ...fund,
        preview: fund.canManage ? await rulePreview(ctx, fund.fund, url) : null,
        partners: (partners?.rows ?? [])
          .filter((p) => p.isHost)
          .map((p) => ({ value: p.id, label: p.counterparty.name })),
      }
    }),
  )
  return { ...view, page: page.page, pageSize: page.pageSize }
}

/** A rule preview (GET ?rule=&ruleAmount=) moves nothing; Apply posts and the server recomputes. */
async function rulePreview(
  ctx: Parameters<typeof planAllocation>[0],
  fund: Parameters<typeof planAllocation>[1],
  url: URL,
): Promise<RulePreview | null> {
  const amountText = url.searchParams.get('ruleAmount')
  if (amountText === null) return null
  const rule = readRule(url.searchParams.get('rule'))
  const preview: RulePreview = { rule, amountText, error: null, plan: [], period: null, fits: false }
  const amount = parseAmount(amountText, fund.currency)
  if (amount === null || amount <= 0) return { ...preview, error: 'funds:errors.amount' }
  try {
    return { ...preview, ...(await planAllocation(ctx, fund, { rule, amount })) }
  } catch (error) {
    if (error instanceof AppError) return { ...preview, error: error.message }
    throw error
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'funds:manage')
  const form = await readForm(request)
  if (form.get('intent') === 'apply-rule') return applyRule(auth, context, params.fundId ?? '', form)
  const submission = parseWithZod(form, { schema: AllocateSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await attempt(() =>
    runService(auth, context, async (ctx) => {
      const { fund, host } = await getFund(ctx, params.fundId ?? '', { page: 1, pageSize: 1, offset: 0 })
      if (!host) notFound()
      return allocateFromForm(ctx, fund, submission.value)
    }),
  )
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
  return submission.reply({ resetForm: true })
}

async function applyRule(
  auth: Parameters<typeof runService>[0],
  context: Parameters<typeof runService>[1],
  fundId: string,
  form: FormData,
) {
  const result = await attempt(() =>
    runService(auth, context, async (ctx) => {
      const { fund, host } = await getFund(ctx, fundId, { page: 1, pageSize: 1, offset: 0 })
      if (!host) notFound()
      const amount = parseAmount(String(form.get('amount') ?? ''), fund.currency)
      if (amount === null || amount <= 0) throw new AppError('invalid', 'funds:errors.amount')
      return applyAllocationPlan(ctx, fund, { rule: readRule(form.get('rule')), amount })
    }),
  )
  if (result.ok) return redirect(`/funds/${fundId}?applied=${result.value.length}`)
  // Back to the preview, recomputed, which says what changed (e.g. the fund no longer has enough unallocated).
  const again = new URLSearchParams({
    rule: readRule(form.get('rule')),
    ruleAmount: String(form.get('amount') ?? ''),
  })
  return redirect(`/funds/${fundId}?${again}`)
}

/** One fund: where its money stands per partner, and every ledger entry that put it there. */
export default function FundPage() {
  const view = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t, i18n } = useTranslation('funds')
  const { fund } = view
  const money = (amount: number) => formatMoney(amount, fund.currency, i18n.language)
  return (
    <>
      <Link to="/funds" className="text-sm text-brand-700 hover:underline">
        {t('detail.back')}
      </Link>
      <PageHeader
        title={fund.name}
        description={`${t(`program.${fund.program}`)} · ${fund.startsOn} – ${fund.endsOn} · ${fund.currency}`}
      />
      {view.totals ? (
        <dl className="mb-6 grid gap-3 sm:grid-cols-3">
          {(['budget', 'allocated', 'unallocated'] as const).map((key) => (
            <div key={key} className="rounded-lg border border-slate-200 bg-white p-3">
              <dt className="text-xs uppercase text-slate-500">{t(`fund.${key}`)}</dt>
              <dd className="text-lg font-semibold text-slate-900">{money(view.totals?.[key] ?? 0)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {view.canManage ? (
        <section
          aria-labelledby="allocate-title"
          className="mb-6 rounded-lg border border-slate-200 bg-white p-4"
        >
          <h2 id="allocate-title" className="mb-3 text-sm font-semibold text-slate-900">
            {t('allocate.title')}
          </h2>
          <AllocateForm partners={view.partners} currency={fund.currency} lastResult={lastResult} />
        </section>
      ) : null}
      {view.canManage ? <RuleAllocation currency={fund.currency} preview={view.preview} /> : null}
      <section aria-labelledby="allocations-title" className="mb-8">
        <h2 id="allocations-title" className="mb-2 text-lg font-semibold text-slate-900">
          {view.host ? t('detail.allocations') : t('detail.yourAllocation')}
        </h2>
        {view.allocations.length === 0 ? (
          <p className="text-sm text-slate-500">{t('detail.noAllocations')}</p>
        ) : (
          <table className="w-full rounded-lg border border-slate-200 bg-white text-sm">
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2 text-start">
                  {t('detail.partner')}
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
              {view.allocations.map((a) => (
                <tr key={a.id}>
                  <td className="px-3 py-2">{a.partnerName}</td>
                  <td className="px-3 py-2 text-end">{money(a.allocated)}</td>
                  <td className="px-3 py-2 text-end">{money(a.committed)}</td>
                  <td className="px-3 py-2 text-end">{money(a.spent)}</td>
                  <td className="px-3 py-2 text-end font-medium">{money(a.available)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="ledger-title">
        <h2 id="ledger-title" className="mb-2 text-lg font-semibold text-slate-900">
          {t('detail.ledger')}
        </h2>
        <table className="w-full rounded-lg border border-slate-200 bg-white text-sm">
          <thead className="bg-slate-50 text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2 text-start">
                {t('detail.when')}
              </th>
              <th scope="col" className="px-3 py-2 text-start">
                {t('detail.kind')}
              </th>
              <th scope="col" className="px-3 py-2 text-start">
                {t('detail.partner')}
              </th>
              <th scope="col" className="px-3 py-2 text-end">
                {t('detail.amount')}
              </th>
              <th scope="col" className="px-3 py-2 text-start">
                {t('detail.reason')}
              </th>
              <th scope="col" className="px-3 py-2 text-start">
                {t('detail.by')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {view.entries.map((e) => (
              <tr key={e.id}>
                <td className="px-3 py-2 text-slate-600">
                  <LocalTime value={e.at} />
                </td>
                <td className="px-3 py-2">{t(`kind.${e.kind}`)}</td>
                <td className="px-3 py-2 text-slate-600">{e.partnerName ?? t('detail.fundLevel')}</td>
                <td className="px-3 py-2 text-end tabular-nums">{money(e.amount)}</td>
                <td className="px-3 py-2 text-slate-600">{e.reason}</td>
                <td className="px-3 py-2 text-slate-600">{e.who ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Pagination page={view.page} pageSize={view.pageSize} total={view.entriesTotal} />
      </section>
    </>
  )
}
