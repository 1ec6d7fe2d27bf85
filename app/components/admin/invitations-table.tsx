import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Badge } from '#app/components/ui/badge.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Table, Td, Th, Tr } from '#app/components/ui/table.tsx'
import { LocalTime } from './local-time.tsx'

type Invitation = {
  id: string
  email: string
  role: string
  expiresAt: Date
  expired: boolean
  revocable: boolean
}

export function InvitationsTable({
  invitations,
  more,
  canRevoke,
  timeZone,
}: {
  invitations: Invitation[]
  more: boolean
  canRevoke: boolean
  timeZone?: string
}) {
  const { t } = useTranslation('admin')
  const navigation = useNavigation()
  const pendingId = navigation.state === 'submitting' ? navigation.formData?.get('invitationId') : null
  return (
    <section aria-labelledby="pending-invitations" className="mt-10">
      <h2 id="pending-invitations" className="mb-3 text-lg font-semibold text-slate-900">
        {t('users.invitations.title')}
      </h2>
      {invitations.length === 0 ? (
        <p className="text-sm text-slate-600">{t('users.invitations.empty')}</p>
      ) : (
        <Table caption={t('users.invitations.title')}>
          <thead className="bg-slate-50">
            <tr>
              <Th>{t('users.columns.email')}</Th>
              <Th>{t('users.columns.role')}</Th>
              <Th>{t('users.invitations.expires')}</Th>
              {canRevoke ? <Th>{t('users.invitations.actions')}</Th> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {invitations.map((inv) => (
              <Tr key={inv.id}>
                <Td>{inv.email}</Td>
                <Td>{t(`common:role.${inv.role}`)}</Td>
                <Td>
                  <LocalTime value={inv.expiresAt} timeZone={timeZone} />{' '}
                  {inv.expired ? <Badge tone="amber">{t('users.invitations.expired')}</Badge> : null}
                </Td>
                {canRevoke ? (
                  <Td>
                    {inv.revocable ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke-invitation" />
                        <input type="hidden" name="invitationId" value={inv.id} />
                        <Button
                          variant="secondary"
                          disabled={pendingId === inv.id}
                          aria-label={t('users.invitations.revokeFor', { email: inv.email })}
                        >
                          {t('users.invitations.revoke')}
                        </Button>
                      </Form>
                    ) : null}
                  </Td>
                ) : null}
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      {more ? <p className="mt-2 text-sm text-slate-600">{t('users.invitations.more')}</p> : null}
    </section>
  )
}
