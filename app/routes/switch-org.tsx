import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { z } from 'zod'
import { recordAudit } from '#app/features/audit/record-audit.server.ts'
import { requireUser } from '#app/features/auth/require.server.ts'
import { switchSessionOrg } from '#app/features/auth/user-orgs.server.ts'
import { badRequest, notFound } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { IdSchema } from '#app/lib/ids.ts'
import { withTenant } from '#db/tenant.ts'

const SwitchSchema = z.object({ orgId: IdSchema })

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireUser(request)
  const parsed = SwitchSchema.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) badRequest('Choose an organization.')
  const switched = await switchSessionOrg(auth.session.id, auth.user.id, parsed.data.orgId)
  if (!switched) notFound('You are not a member of that organization.')
  await withTenant({ orgId: parsed.data.orgId, userId: auth.user.id }, (tx) =>
    recordAudit(
      tx,
      { orgId: parsed.data.orgId, userId: auth.user.id, ip: context.ip, requestId: context.requestId },
      { action: 'auth.org_switched', targetType: 'organization', targetId: parsed.data.orgId },
    ),
  )
  return redirect('/dashboard')
}

export async function loader() {
  return redirect('/dashboard')
}
