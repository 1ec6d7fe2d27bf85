import { useTranslation } from 'react-i18next'
import { Badge } from '#app/components/ui/badge.tsx'
import { Table, Td, Th, Tr } from '#app/components/ui/table.tsx'
import type { PartnershipPerson } from '#app/features/partners/list-partnership-people.server.ts'

type Side = { total: number; rows: PartnershipPerson[] }

function PeopleTable({ heading, orgName, side }: { heading: string; orgName: string; side: Side }) {
  const { t } = useTranslation('partners')
  return (
    <div>
      <h3 className="mb-1 text-base font-semibold text-slate-900">{heading}</h3>
      <p className="mb-2 text-sm text-slate-600">
        {t('people.summary', { count: side.total })}
        {side.total > side.rows.length
          ? ` · ${t('people.capped', { shown: side.rows.length, total: side.total })}`
          : null}
      </p>
      {side.rows.length === 0 ? (
        <p className="rounded-lg border-2 border-dashed border-slate-300 p-4 text-sm text-slate-600">
          {t('people.empty')}
        </p>
      ) : (
        <Table caption={t('people.caption', { org: orgName })}>
          <thead className="bg-slate-50">
            <tr>
              <Th>{t('people.name')}</Th>
              <Th>{t('people.email')}</Th>
              <Th>{t('people.role')}</Th>
              <Th>{t('people.status')}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {side.rows.map((p) => (
              <Tr key={p.userId}>
                <Td className="font-medium text-slate-900">{p.name}</Td>
                <Td>{p.email}</Td>
                <Td>{t(`role.${p.role}`, { ns: 'common' })}</Td>
                <Td>
                  <Badge tone={p.status === 'active' ? 'green' : 'slate'}>
                    {t(`people.statusValue.${p.status}`)}
                  </Badge>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  )
}

export function PartnershipPeople({
  host,
  partner,
  hostName,
  partnerName,
}: {
  host: Side
  partner: Side
  hostName: string
  partnerName: string
}) {
  const { t } = useTranslation('partners')
  return (
    <section aria-labelledby="people-title" className="space-y-4">
      <h2 id="people-title" className="text-lg font-semibold">
        {t('people.title')}
      </h2>
      <div className="grid gap-6 lg:grid-cols-2">
        <PeopleTable heading={t('people.hostSide', { org: hostName })} orgName={hostName} side={host} />
        <PeopleTable
          heading={t('people.partnerSide', { org: partnerName })}
          orgName={partnerName}
          side={partner}
        />
      </div>
    </section>
  )
}
