import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import {
  FundUtilisation,
  PartnerRanking,
  PromotionRanking,
} from '#app/components/promotions/program-tables.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { getProgramView, listProgramFunds } from '#app/features/promotions/get-program-view.server.ts'
import { readProgramFilter } from '#app/features/promotions/program-filter.ts'
import { runService } from '#app/features/service-context.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'programView') }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'promotions:read')
  const filter = readProgramFilter(new URL(request.url))
  return runService(auth, context, async (ctx) => {
    const funds = await listProgramFunds(ctx)
    // A fund the caller cannot see filters nothing in, rather than erroring (RLS would hide its rows anyway).
    const fundId = funds.some((f) => f.id === filter.fundId) ? filter.fundId : undefined
    const view = await getProgramView(ctx, { ...filter, fundId })
    const manufacturer = auth.org.kind === 'manufacturer'
    return { ...view, fundOptions: funds, filter: { ...filter, fundId }, manufacturer }
  })
}

const field = 'mt-1 rounded border border-slate-300 px-2 py-1.5'

/** Promotions and partners ranked by ROI and fund utilisation, filtered by fund and period. */
export default function ProgramView() {
  const view = useLoaderData<typeof loader>()
  const { t } = useTranslation('outcome')
  const { filter, pageSize } = view
  return (
    <>
      <PageHeader
        title={t('program.title')}
        description={view.manufacturer ? t('program.description') : t('program.descriptionPartner')}
      />
      <Form method="get" role="search" className="mb-6 flex flex-wrap items-end gap-3 text-sm">
        <label>
          <span className="block font-medium text-slate-700">{t('program.fund')}</span>
          <select name="fundId" defaultValue={filter.fundId ?? ''} className={field}>
            <option value="">{t('program.anyFund')}</option>
            {view.fundOptions.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name} ({f.currency})
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="block font-medium text-slate-700">{t('program.from')}</span>
          <input type="date" name="from" defaultValue={filter.from ?? ''} className={field} />
        </label>
        <label>
          <span className="block font-medium text-slate-700">{t('program.to')}</span>
          <input type="date" name="to" defaultValue={filter.to ?? ''} className={field} />
        </label>
        <label>
          <span className="block font-medium text-slate-700">{t('program.sort')}</span>
          <select name="sort" defaultValue={filter.sort} className={field}>
            <option value="roi">{t('program.sortRoi')}</option>
            <option value="utilisation">{t('program.sortUtilisation')}</option>
          </select>
        </label>
        <button type="submit" className={buttonClass('secondary')}>
          {t('program.filter')}
        </button>
      </Form>
      <section aria-labelledby="program-promotions" className="mb-8">
        <h2 id="program-promotions" className="mb-3 text-lg font-semibold text-slate-900">
          {t('program.promotions')}
        </h2>
        <PromotionRanking list={view.promotions} page={filter.page} pageSize={pageSize} />
      </section>
      <section aria-labelledby="program-partners" className="mb-8">
        <h2 id="program-partners" className="mb-3 text-lg font-semibold text-slate-900">
          {t('program.partners')}
        </h2>
        <PartnerRanking list={view.partners} page={filter.partnerPage} pageSize={pageSize} />
      </section>
      <section aria-labelledby="program-funds" className="mb-8">
        <h2 id="program-funds" className="mb-3 text-lg font-semibold text-slate-900">
          {t('program.funds')}
        </h2>
        <FundUtilisation list={view.funds} page={filter.fundPage} pageSize={pageSize} />
      </section>
      <p className="text-sm text-slate-600">{t('program.definitions')}</p>
    </>
  )
}
