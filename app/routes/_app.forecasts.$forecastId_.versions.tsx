import { getFormProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LocalTime } from '#app/components/admin/local-time.tsx'
import { ForecastTabs } from '#app/components/forecasts/forecast-tabs.tsx'
import { FormErrors, useFieldErrors } from '#app/components/form-errors.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { Button } from '#app/components/ui/button.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { ErrorList, inputClass } from '#app/components/ui/field.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { Table, Td, Th, Tr } from '#app/components/ui/table.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { findForecast } from '#app/features/forecasts/find-forecast.server.ts'
import { listVersions } from '#app/features/forecasts/list-versions.server.ts'
import { publishVersion } from '#app/features/forecasts/publish-version.server.ts'
import { useForecastReloads } from '#app/features/forecasts/use-forecast-live.ts'
import { PublishVersionSchema } from '#app/features/forecasts/version-schemas.ts'
import { runService } from '#app/features/service-context.server.ts'
import { attempt, errorResponse, orRespond } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { readPage } from '#app/lib/pagination.ts'

const PAGE_SIZE = 25

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, 'forecastVersions', data?.forecast.name) },
]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'forecasts:read')
  const page = readPage(new URL(request.url), PAGE_SIZE)
  const view = await orRespond(() =>
    runService(auth, context, (ctx) => listVersions(ctx, params.forecastId ?? '', page)),
  )
  return { ...view, page: page.page, pageSize: page.pageSize }
}

/** Publishes the grid as it shows now as the next version, then opens it compared with the one before. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'forecasts:read')
  const id = params.forecastId ?? ''
  // Strangers get a 404 before their form is read.
  await orRespond(() => runService(auth, context, (ctx) => findForecast(ctx, id)))
  const submission = parseWithZod(await readForm(request), { schema: PublishVersionSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await attempt(() =>
    runService(auth, context, (ctx) => publishVersion(ctx, id, { note: submission.value.note })),
  )
  if (!result.ok) {
    if (result.error.code === 'not_found') throw errorResponse(result.error)
    return data(submission.reply({ formErrors: [result.error.message] }), { status: result.error.status })
  }
  return redirect(`/forecasts/${id}/versions/${result.value.id}?published=1`)
}

function PublishForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation('forecastVersions')
  const errors = useFieldErrors()
  const navigation = useNavigation()
  const pending = navigation.formData?.get('intent') === 'publish'
  const [form, fields] = useZodForm({ id: 'publish-version', schema: PublishVersionSchema, lastResult })
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      aria-labelledby="publish-title"
      className="mb-6 space-y-2 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id="publish-title" className="font-semibold text-slate-900">
        {t('publish.title')}
      </h2>
      <p className="text-sm text-slate-600">{t('publish.description')}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="publish" />
      <label className="block">
        <span className="block text-sm font-medium text-slate-800">{t('publish.note')}</span>
        <textarea {...getTextareaProps(fields.note)} rows={2} className={`mt-1 ${inputClass}`} />
        <ErrorList id={fields.note.errorId} errors={errors(fields.note.errors)} />
      </label>
      <Button disabled={pending}>{pending ? t('publish.publishing') : t('publish.submit')}</Button>
    </Form>
  )
}

/** A plan's published versions, newest first; either side's editors publish the next one. */
export default function ForecastVersions() {
  const { forecast, rows, total, page, pageSize } = useLoaderData<typeof loader>()
  useForecastReloads(forecast.id)
  const lastResult = useActionData<typeof action>()
  const { t } = useTranslation('forecastVersions')
  const base = `/forecasts/${forecast.id}/versions`
  return (
    <>
      <PageHeader
        title={forecast.name}
        description={`${forecast.hostOrgName} ⇄ ${forecast.partnerOrgName} · ${t('title')}`}
      />
      <ForecastTabs forecastId={forecast.id} />
      {forecast.canEdit ? <PublishForm lastResult={lastResult} /> : null}
      {rows.length === 0 ? (
        <EmptyState title={t('list.none')} body={t('list.noneBody')} />
      ) : (
        <Table caption={t('list.caption')}>
          <thead className="bg-slate-50">
            <tr>
              <Th>{t('list.number')}</Th>
              <Th>{t('list.note')}</Th>
              <Th>{t('list.publishedBy')}</Th>
              <Th>{t('list.publishedAt')}</Th>
              <Th>{t('list.compare')}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((v) => (
              <Tr key={v.id}>
                <Td>
                  <Link to={`${base}/${v.id}`} className="font-medium text-brand-700 hover:underline">
                    {t('version', { number: v.number })}
                  </Link>
                </Td>
                <Td className="whitespace-pre-wrap">{v.note || '—'}</Td>
                <Td>
                  {v.publishedByName ?? '—'}
                  {v.publishedByOrgName ? ` (${v.publishedByOrgName})` : ''}
                </Td>
                <Td>
                  <LocalTime value={v.publishedAt} />
                </Td>
                <Td>
                  <Link to={`${base}/${v.id}?with=current`} className="text-brand-700 hover:underline">
                    {t('list.withCurrent')}
                  </Link>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  )
}
