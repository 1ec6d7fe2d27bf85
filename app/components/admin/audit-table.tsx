import { useTranslation } from 'react-i18next'
import { Table, Td, Th, Tr } from '#app/components/ui/table.tsx'
import { LocalTime } from './local-time.tsx'

type AuditEvent = {
  id: number
  createdAt: Date
  action: string
  targetType: string | null
  targetId: string | null
  ip: string | null
  actorId: string | null
  actorName: string | null
}

export function AuditTable({ events, timeZone }: { events: AuditEvent[]; timeZone: string }) {
  const { t } = useTranslation('admin')
  return (
    <Table caption={t('audit.caption')}>
      <thead className="bg-slate-50">
        <tr>
          <Th>{t('audit.columns.time')}</Th>
          <Th>{t('audit.columns.actor')}</Th>
          <Th>{t('audit.columns.action')}</Th>
          <Th>{t('audit.columns.target')}</Th>
          <Th>{t('audit.columns.ip')}</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {events.map((e) => (
          <Tr key={e.id}>
            <Td className="whitespace-nowrap">
              <LocalTime value={e.createdAt} timeZone={timeZone} />
            </Td>
            <Td>
              {e.actorName ?? (
                // A set actor without a name is a user RLS no longer shows (left the org and its partners).
                <span className="text-slate-500">
                  {e.actorId ? t('audit.unknownActor') : t('audit.system')}
                </span>
              )}
            </Td>
            <Td>
              <code className="text-xs">{e.action}</code>
            </Td>
            <Td className="break-all">
              {e.targetType ? (
                <>
                  <span className="text-slate-500">{e.targetType}</span> {e.targetId}
                </>
              ) : null}
            </Td>
            <Td dir="ltr" className="whitespace-nowrap">
              {e.ip}
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  )
}
