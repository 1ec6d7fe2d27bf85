import type { LoaderFunctionArgs } from '@remix-run/node'
import { getOutboxEmail } from '#app/features/admin/get-outbox-email.server.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { notFound, orRespond } from '#app/lib/errors.ts'
import { IdSchema } from '#app/lib/ids.ts'

/**
 * The email's HTML as its own document, framed by the outbox page. server/security.ts gives this path a CSP of its
 * own (inline styles allowed, nothing else, sandboxed), since an email is styled inline and must run no script.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'outbox:read')
  const id = IdSchema.safeParse(params.messageId)
  if (!id.success) notFound()
  const email = await orRespond(() =>
    runService(auth, context, (ctx) => getOutboxEmail(ctx, { id: id.data })),
  )
  return new Response(email.html, {
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'private, no-store' },
  })
}
