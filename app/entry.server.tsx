import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable, type EntryContext } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { createInstance, type i18n } from 'i18next'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { bootstrap, shutdown } from './bootstrap.server.ts'
import { realtimeAccess } from './features/realtime/room-access.server.ts'
import { i18nConfig, isSupported } from './lib/i18n/config.ts'
import { resolveLocale } from './lib/i18n/i18n.server.ts'
import type { TandemLoadContext } from './lib/load-context.ts'
import { NonceContext } from './lib/nonce.ts'
import './lib/load-context.ts'

// What the custom server may call: it reaches app code only through the server build.
export { bootstrap, realtimeAccess, shutdown }
export type EntryExports = {
  bootstrap: typeof bootstrap
  shutdown: typeof shutdown
  /** For the socket.io gateway in server/realtime: who a socket is, and which rooms it may join. */
  realtimeAccess: typeof realtimeAccess
}

// One initialized instance per language: rendering only reads it (nothing calls changeLanguage on the server),
// and initializing one per request cost ~4 ms of CPU.
const instances = new Map<string, Promise<i18n>>()
function serverI18n(lng: string) {
  let instance = instances.get(lng)
  if (!instance) {
    const created = createInstance()
    instance = created
      .use(initReactI18next)
      .init({ ...i18nConfig, lng })
      .then(() => created)
    instances.set(lng, instance)
  }
  return instance
}

const ABORT_DELAY = 5_000
export const streamTimeout = ABORT_DELAY

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: TandemLoadContext,
) {
  const rootData = remixContext.staticHandlerContext.loaderData.root as { locale?: string } | undefined
  const lng = isSupported(rootData?.locale) ? rootData.locale : await resolveLocale(request)
  const instance = await serverI18n(lng)

  const waitForAll = isbot(request.headers.get('user-agent')) || remixContext.isSpaMode
  const nonce = loadContext.cspNonce

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          )
          pipe(body)
        },
        onShellError: reject,
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) loadContext.logger.error({ err: error }, 'render error')
        },
      },
    )
    setTimeout(abort, ABORT_DELAY + 1000)
  })
}

export function handleError(
  error: unknown,
  { request, context }: { request: Request; context: TandemLoadContext },
) {
  if (request.signal.aborted) return
  // Thrown Responses are expected control flow (404, 403, redirects), and so are Remix's own refusals (no route,
  // no action): a bot probing paths must not flood the error log.
  if (error instanceof Response) return
  if (isRouteErrorResponse(error) && error.status < 500) return
  context.logger.error({ err: error, url: request.url }, 'unhandled error')
}
