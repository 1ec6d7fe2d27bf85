import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LocalTime } from '#app/components/admin/local-time.tsx'
import { MemberActions } from '#app/components/admin/member-actions.tsx'
import { MemberStatusBadge } from '#app/components/admin/members-table.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { changeMemberRole } from '#app/features/admin/change-member-role.server.ts'
import { countActiveOwners, getMember } from '#app/features/admin/get-member.server.ts'
import { MemberActionSchema } from '#app/features/admin/schemas.ts'
import { setMemberStatus } from '#app/features/admin/set-member-status.server.ts'
import { assignableRoles, can } from '#app/features/auth/permissions.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { invalidateUserSessions } from '#app/features/auth/session.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { attempt, notFound, orRespond } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { IdSchema } from '#app/lib/ids.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'member') }]

function parseUserId(param: string | undefined) {
  const parsed = IdSchema.safeParse(param)
  return parsed.success ? parsed.data : notFound()
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'users:read')
  const userId = parseUserId(params.userId)
  const { member, activeOwners } = await orRespond(() =>
    runService(auth, context, async (ctx) => ({
      member: await getMember(ctx, { userId }),
      activeOwners: await countActiveOwners(ctx),
    })),
  )
  const isSelf = member.userId === auth.user.id
  // The UI only offers what the service would allow; the service decides.
  const note = !can(auth.role, 'users:manage')
    ? 'readOnlyNote'
    : isSelf
      ? 'selfNote'
      : member.role === 'owner' && auth.role !== 'owner'
        ? 'ownerNote'
        : null
  const manageable = note === null
  const lastOwner = member.role === 'owner' && member.status === 'active' && activeOwners <= 1
  return {
    member,
    note,
    manageable,
    lastOwner,
    roles: manageable ? assignableRoles(auth.role) : [],
    timeZone: auth.org.timeZone,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'users:manage')
  const userId = parseUserId(params.userId)
  const submission = parseWithZod(await readForm(request), { schema: MemberActionSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const input = submission.value
  const result = await attempt(() =>
    runService(auth, context, (ctx) =>
      input.intent === 'role'
        ? changeMemberRole(ctx, { userId, role: input.role })
        : setMemberStatus(ctx, { userId, status: input.status }),
    ),
  )
  if (!result.ok) {
    if (result.error.code === 'not_found') notFound()
    return data(submission.reply({ formErrors: [result.error.message] }), { status: result.error.status })
  }
  // Only after the membership change has committed: the owner path runs in its own transaction.
  if (input.intent === 'status' && input.status === 'deactivated') {
    await invalidateUserSessions(userId, { orgId: auth.org.id })
  }
  return submission.reply()
}

export default function MemberPage() {
  const { member, note, manageable, lastOwner, roles, timeZone } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t } = useTranslation('admin')
  const error = result?.error?.['']?.[0] ?? result?.error?.role?.[0]
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/admin/users" className="text-brand-700 hover:underline">
          {t('member.back')}
        </Link>
      </p>
      <PageHeader title={member.name} description={member.email} />
      {result?.status === 'success' ? <Notice tone="success">{t('member.saved')}</Notice> : null}
      {error ? <Notice tone="error">{t(error, { ns: ['admin', 'common'] })}</Notice> : null}
      <dl className="mb-8 grid max-w-xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-lg bg-white p-6 text-sm shadow-sm ring-1 ring-slate-200">
        <dt className="font-medium text-slate-600">{t('users.columns.role')}</dt>
        <dd>{t(`common:role.${member.role}`)}</dd>
        <dt className="font-medium text-slate-600">{t('users.columns.status')}</dt>
        <dd>
          <MemberStatusBadge status={member.status} />
        </dd>
        <dt className="font-medium text-slate-600">{t('users.columns.joined')}</dt>
        <dd>
          <LocalTime value={member.joinedAt} timeZone={timeZone} />
        </dd>
      </dl>
      {manageable ? <MemberActions member={member} roles={roles} lastOwner={lastOwner} /> : null}
      {note ? <p className="text-sm text-slate-600">{t(`member.${note}`)}</p> : null}
    </>
  )
}
