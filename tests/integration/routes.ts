import type { ServerBuild } from '@remix-run/node'

/**
 * Routes anyone may reach without signing in, by route file name. EVERY other route must require sign-in:
 * the access matrix checks that an anonymous request is sent to /login.
 */
export const publicRoutes = [
  '_index',
  'login',
  'logout',
  'set-locale',
  'forgot-password',
  'reset-password',
  'invitations.accept',
  // Signed, short-lived download links of the local storage driver: the signature is the authorization.
  'storage.$',
]

export type Endpoint = {
  /** Route id, e.g. `routes/_app.partners.$partnershipId`. */
  id: string
  /** Full URL pattern, e.g. `/partners/:partnershipId`. */
  pattern: string
  params: string[]
  isPublic: boolean
  index: boolean
  loader: boolean
  action: boolean
}

type BuildRoute = ServerBuild['routes'][string]

function fullPath(routes: ServerBuild['routes'], route: BuildRoute): string {
  const parts: string[] = []
  for (let r: BuildRoute | undefined = route; r; r = r.parentId ? routes[r.parentId] : undefined) {
    if (r.path) parts.unshift(r.path)
  }
  const joined = parts
    .join('/')
    .split('/')
    // An optional segment (`:lang?`, `foo?`) matches without it.
    .filter((s) => s && !s.endsWith('?'))
    .join('/')
  return `/${joined}`
}

/**
 * Every route that answers requests itself (has a loader or an action). The root and pathless layouts are left
 * out: they have no URL of their own and their loaders run for (and are checked through) their children.
 */
export function endpointsOf(build: ServerBuild): Endpoint[] {
  const endpoints: Endpoint[] = []
  for (const route of Object.values(build.routes)) {
    if (!route.module.loader && !route.module.action) continue
    if (route.id === 'root' || (!route.path && !route.index)) continue
    const pattern = fullPath(build.routes, route)
    const name = route.id.replace(/^routes\//, '')
    endpoints.push({
      id: route.id,
      pattern,
      params: pattern
        .split('/')
        .filter((s) => s.startsWith(':') || s === '*')
        .map((s) => (s === '*' ? '*' : s.slice(1))),
      isPublic: publicRoutes.includes(name),
      index: !!route.index,
      loader: !!route.module.loader,
      action: !!route.module.action,
    })
  }
  return endpoints.sort((a, b) => a.pattern.localeCompare(b.pattern) || a.id.localeCompare(b.id))
}

/** Fills a pattern's params; a splat gets a harmless literal. */
export async function fillPattern(pattern: string, value: (param: string) => Promise<string>) {
  const segments = await Promise.all(
    pattern.split('/').map(async (s) => {
      if (s === '*') return 'anything'
      return s.startsWith(':') ? encodeURIComponent(await value(s.slice(1))) : s
    }),
  )
  return segments.join('/') || '/'
}

/** Where a POST reaches this route's action: index routes need `?index`, or the parent's action answers. */
export function actionUrl(endpoint: Pick<Endpoint, 'index'>, url: string) {
  return endpoint.index ? `${url}?index` : url
}

/** The single-fetch data URL the browser's own form submissions and navigations use. */
export function dataUrl(endpoint: Pick<Endpoint, 'index'>, url: string) {
  const base = url === '/' ? '/_root.data' : `${url}.data`
  return endpoint.index ? `${base}?index` : base
}
