import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Badge } from '#app/components/ui/badge.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { Table, Td, Th, Tr } from '#app/components/ui/table.tsx'
import { LocalTime } from './local-time.tsx'

type Member = {
  userId: string
  name: string
  email: string
  role: string
  status: 'active' | 'deactivated'
  joinedAt: Date
}

export function MemberStatusBadge({ status }: { status: Member['status'] }) {
  const { t } = useTranslation('admin')
  return <Badge tone={status === 'active' ? 'green' : 'slate'}>{t(`status.${status}`)}</Badge>
}

export function MembersTable({
  members,
  filtered,
  timeZone,
}: {
  members: Member[]
  filtered: boolean
  timeZone?: string
}) {
  const { t } = useTranslation('admin')
  if (members.length === 0) {
    return (
      <EmptyState
        title={filtered ? t('users.emptyFiltered') : t('users.empty')}
        body={filtered ? t('users.emptyFilteredBody') : undefined}
      />
    )
  }
  return (
    <Table caption={t('users.caption')}>
      <thead className="bg-slate-50">
        <tr>
          <Th>{t('users.columns.name')}</Th>
          <Th>{t('users.columns.email')}</Th>
          <Th>{t('users.columns.role')}</Th>
          <Th>{t('users.columns.status')}</Th>
          <Th>{t('users.columns.joined')}</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {members.map((m) => (
          <Tr key={m.userId}>
            <Td>
              <Link to={`/admin/users/${m.userId}`} className="font-medium text-brand-700 hover:underline">
                {m.name}
              </Link>
            </Td>
            <Td>{m.email}</Td>
            <Td>{t(`common:role.${m.role}`)}</Td>
            <Td>
              <MemberStatusBadge status={m.status} />
            </Td>
            <Td>
              <LocalTime value={m.joinedAt} timeZone={timeZone} dateOnly />
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  )
}
