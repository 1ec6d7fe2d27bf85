import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { openRecordThread } from '#app/features/chat/open-channel.server.ts'
import { findForecastException } from '#app/features/forecasts/find-forecast-exception.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'

const page = (params: LoaderFunctionArgs['params']) =>
  `/forecasts/${params.forecastId}/exceptions/${params.forecastExceptionId}#discussion`

/** The thread lives on the exception's page. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'chat:read')
  await orRespond(() =>
    runService(auth, context, (ctx) =>
      findForecastException(ctx, params.forecastExceptionId ?? '', { forecastId: params.forecastId ?? '' }),
    ),
  )
  return redirect(page(params))
}

/** Starts the exception's discussion thread (or finds it) and shows it beside the exception. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'chat:read')
  await orRespond(() =>
    runService(auth, context, async (ctx) => {
      const id = params.forecastExceptionId ?? ''
      await findForecastException(ctx, id, { forecastId: params.forecastId ?? '' })
      return openRecordThread(ctx, 'forecast_exception', id)
    }),
  )
  return redirect(page(params))
}
