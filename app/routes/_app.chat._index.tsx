import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { NewInternalChannel } from '#app/components/chat/new-internal-channel.tsx'
import { SearchBox } from '#app/components/ui/search-box.tsx'
import { can } from '#app/features/auth/permissions.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { createInternalChannel } from '#app/features/chat/open-channel.server.ts'
import { InternalChannelSchema } from '#app/features/chat/schemas.ts'
import { listPartnerships } from '#app/features/partners/list-partnerships.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { attempt } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { readSearch } from '#app/lib/query.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'chat:read')
  const partner = readSearch(new URL(request.url), 'partner')
  // Finding a partner to talk to: the first matches of the partner directory's own search.
  const partners = await runService(auth, context, (ctx) =>
    listPartnerships(ctx, { q: partner || undefined, page: 1, pageSize: 8 }),
  )
  return {
    partner,
    partners: partners.rows.map((r) => ({ id: r.id, name: r.counterparty.name, status: r.status })),
    canCreateInternal: can(auth.role, 'chat:manage'),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'chat:manage')
  const submission = parseWithZod(await readForm(request), { schema: InternalChannelSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await attempt(() =>
    runService(auth, context, (ctx) => createInternalChannel(ctx, submission.value)),
  )
  if (!result.ok) {
    const field = result.error.details?.field === 'name'
    return data(
      submission.reply(
        field ? { fieldErrors: { name: [result.error.message] } } : { formErrors: [result.error.message] },
      ),
      { status: result.error.status },
    )
  }
  return redirect(`/chat/${result.value}`)
}

/** No conversation open: start one with a partner, or (staff) create an internal channel. */
export default function ChatIndex() {
  const { partner, partners, canCreateInternal } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useTranslation('chat')
  return (
    <div className="grid gap-6 rounded-lg border border-slate-200 bg-white p-6 lg:grid-cols-2">
      <section aria-labelledby="start-partner">
        <h2 id="start-partner" className="text-base font-semibold text-slate-900">
          {t('index.startTitle')}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t('index.startBody')}</p>
        <SearchBox
          label={t('index.findPartner')}
          defaultValue={partner}
          name="partner"
          className="mt-3 flex gap-2"
        />
        {partners.length === 0 ? (
          <p className="mt-3 text-sm text-slate-500">{t('index.noPartners')}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100">
            {partners.map((p) => (
              <li key={p.id} className="flex items-center justify-between py-2 text-sm">
                <span>{p.name}</span>
                <Form method="post" action={`/partners/${p.id}/chat`}>
                  <button type="submit" className="text-sm font-medium text-brand-700 hover:underline">
                    {t('index.open')}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
      {canCreateInternal ? (
        <section aria-labelledby="new-internal">
          <h2 id="new-internal" className="mb-3 text-base font-semibold text-slate-900">
            {t('index.internalTitle')}
          </h2>
          <NewInternalChannel lastResult={lastResult} />
        </section>
      ) : null}
    </div>
  )
}
