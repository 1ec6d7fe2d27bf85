import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useChangeLanguage } from 'remix-i18next/react'
import { getAuth } from './features/auth/require.server.ts'
import { directionOf } from './lib/i18n/config.ts'
import { resolveLocale } from './lib/i18n/i18n.server.ts'
import { useNonce } from './lib/nonce.ts'
import styles from './styles/app.css?url'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getAuth(request)
  const locale = await resolveLocale(request, { user: auth?.user.locale, org: auth?.org.locale })
  return { locale, dir: directionOf(locale) }
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root')
  const locale = data?.locale ?? 'en'
  const nonce = useNonce()
  return (
    <html lang={locale} dir={directionOf(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  const data = useRouteLoaderData<typeof loader>('root')
  useChangeLanguage(data?.locale ?? 'en')
  return <Outlet />
}

const errorKeys: Record<number, string> = {
  400: 'badRequest',
  403: 'forbidden',
  404: 'notFound',
  413: 'tooLarge',
  415: 'badRequest',
  429: 'tooMany',
}

export function ErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const key = errorKeys[status] ?? 'unexpected'
  // Input refusals carry a plain sentence on what was wrong with the request (never a stack): show it.
  const detail = key === 'badRequest' || key === 'tooLarge' ? (error as { data?: unknown }).data : null
  return (
    <main className="mx-auto max-w-xl p-10 text-center">
      <p className="text-sm font-semibold text-brand-700">{status}</p>
      <h1 className="mt-2 text-2xl font-bold">{t(`errors.${key}.title`)}</h1>
      <p className="mt-3 text-slate-600">{t(`errors.${key}.body`)}</p>
      {typeof detail === 'string' && detail ? <p className="mt-2 text-sm text-slate-500">{detail}</p> : null}
      <a className="mt-6 inline-block text-brand-700 underline" href="/dashboard">
        {t('errors.home')}
      </a>
    </main>
  )
}
