import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { InvitationsTable } from '#app/components/admin/invitations-table.tsx'
import { MemberFilters } from '#app/components/admin/member-filters.tsx'
import { MembersTable } from '#app/components/admin/members-table.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { readMemberFilters } from '#app/features/admin/filters.ts'
import { listPendingInvitations } from '#app/features/admin/list-invitations.server.ts'
import { listMembers } from '#app/features/admin/list-members.server.ts'
import { revokeInvitation } from '#app/features/admin/revoke-invitation.server.ts'
import { can } from '#app/features/auth/permissions.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { attempt } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { IdSchema } from '#app/lib/ids.ts'
import { readPage } from '#app/lib/pagination.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'users') }]

const RevokeSchema = z.object({ intent: z.literal('revoke-invitation'), invitationId: IdSchema })

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'users:read')
  const url = new URL(request.url)
  const filters = readMemberFilters(url)
  const page = readPage(url)
  const { members, total, invitations } = await runService(auth, context, async (ctx) => ({
    ...(await listMembers(ctx, filters, page)),
    invitations: await listPendingInvitations(ctx),
  }))
  return {
    members,
    total,
    page: page.page,
    pageSize: page.pageSize,
    filters,
    invitations,
    canInvite: can(auth.role, 'users:invite'),
    timeZone: auth.org.timeZone,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'users:invite')
  const submission = parseWithZod(await readForm(request), { schema: RevokeSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const { invitationId } = submission.value
  const result = await attempt(() =>
    runService(auth, context, (ctx) => revokeInvitation(ctx, { invitationId })),
  )
  if (!result.ok) {
    return data(submission.reply({ formErrors: [result.error.message] }), { status: result.error.status })
  }
  return submission.reply()
}

export default function UsersPage() {
  const { members, total, page, pageSize, filters, invitations, canInvite, timeZone } =
    useLoaderData<typeof loader>()
  const actionResult = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const { t } = useTranslation('admin')
  const revokeError = actionResult?.error?.['']?.[0]
  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={
          canInvite ? (
            <Link to="/admin/users/invite" className={buttonClass('primary')}>
              {t('users.invite')}
            </Link>
          ) : null
        }
      />
      {searchParams.get('invited') === '1' ? <Notice tone="success">{t('users.invited')}</Notice> : null}
      {actionResult?.status === 'success' ? (
        <Notice tone="success">{t('users.invitations.revoked')}</Notice>
      ) : null}
      {revokeError ? <Notice tone="error">{t(revokeError)}</Notice> : null}
      <MemberFilters filters={filters} />
      <MembersTable
        members={members}
        filtered={Boolean(filters.q || filters.role || filters.status)}
        timeZone={timeZone}
      />
      <Pagination page={page} pageSize={pageSize} total={total} />
      <InvitationsTable
        invitations={invitations.invitations}
        more={invitations.more}
        canRevoke={canInvite}
        timeZone={timeZone}
      />
    </>
  )
}
