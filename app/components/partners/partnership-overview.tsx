import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { PartnershipDetail } from '#app/features/partners/get-partnership.server.ts'
import { formatNumber } from '#app/lib/i18n/format-number.ts'
import { formatDate } from './format.ts'
import { PartnershipStatusBadge } from './partnership-status-badge.tsx'

type Detail = Omit<PartnershipDetail, 'createdAt' | 'updatedAt'> & {
  createdAt: Date | string
  updatedAt: Date | string
}
type Org = Detail['host']

function Item({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{children}</dd>
    </div>
  )
}

function OrgCard({ title, org, isYou }: { title: string; org: Org; isYou: boolean }) {
  const { t } = useTranslation('partners')
  return (
    <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h3 className="text-sm font-semibold text-slate-600">
        {title} {isYou ? <span className="font-normal">{t('detail.you')}</span> : null}
      </h3>
      <p className="mt-1 text-lg font-semibold text-slate-900">{org.name}</p>
      <dl className="mt-2 grid grid-cols-2 gap-3">
        <Item label={t('detail.orgKind')}>{t(`orgKind.${org.kind}`, { ns: 'common' })}</Item>
        <Item label={t('detail.code')}>
          <span className="font-mono text-xs">{org.customerCode}</span>
        </Item>
      </dl>
    </div>
  )
}

export function PartnershipOverview({ partnership, timeZone }: { partnership: Detail; timeZone: string }) {
  const { t, i18n } = useTranslation('partners')
  const date = (value: Date | string) => formatDate(value, i18n.language, timeZone, true)
  return (
    <section aria-labelledby="overview-title" className="space-y-4">
      <h2 id="overview-title" className="text-lg font-semibold">
        {t('detail.overview')}
      </h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <OrgCard title={t('detail.host')} org={partnership.host} isYou={partnership.isHost} />
        <OrgCard title={t('detail.partner')} org={partnership.partner} isYou={!partnership.isHost} />
      </div>
      <dl className="grid gap-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-4">
        <Item label={t('detail.kind')}>{t(`kind.${partnership.kind}`)}</Item>
        <Item label={t('detail.tier')}>{t(`tier.${partnership.tier}`)}</Item>
        <Item label={t('detail.status')}>
          <PartnershipStatusBadge status={partnership.status} />
        </Item>
        <Item label={t('detail.accountManager')}>
          {partnership.accountManager ? partnership.accountManager.name : t('none')}
        </Item>
        <Item label={t('detail.created')}>{date(partnership.createdAt)}</Item>
        <Item label={t('detail.updated')}>{date(partnership.updatedAt)}</Item>
        <Item label={t('detail.version')}>{formatNumber(partnership.version, i18n.language)}</Item>
      </dl>
    </section>
  )
}
