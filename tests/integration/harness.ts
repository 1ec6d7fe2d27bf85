import { existsSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import type { EntryExports } from '#app/entry.server.tsx'
import { createSession, SESSION_COOKIE } from '#app/features/auth/session.server.ts'
import { type Config, getConfig, resetConfig } from '#config/env.ts'
import { createApp } from '#server/app.ts'
import { createLogger } from '#server/logger.ts'
import { attachRealtime } from '#server/realtime/gateway.ts'

/**
 * Drives the BUILT server (the same Remix build production runs), mounted on the real Express app, over HTTP.
 * The build and the test code share one database through the globalThis singleton in db/client.ts.
 */

export const buildDir = path.resolve(process.env.TANDEM_BUILD_DIR ?? 'build-test')

let loaded: Promise<ServerBuild> | undefined

/** The server build, imported once per test worker. */
export function loadBuild(): Promise<ServerBuild> {
  loaded ??= (async () => {
    const file = path.join(buildDir, 'server/index.js')
    if (!existsSync(file)) {
      throw new Error(
        `No server build at ${file}. Build first: TANDEM_BUILD_DIR=${path.basename(buildDir)} npx remix vite:build`,
      )
    }
    return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as ServerBuild
  })()
  return loaded
}

export function entryOf(build: ServerBuild) {
  return build.entry.module as unknown as EntryExports
}

let booted: Promise<unknown> | undefined

export type RequestOptions = {
  method?: string
  /** Cookie header value, e.g. from signInAs(). */
  cookie?: string
  /** Sent as application/x-www-form-urlencoded; implies POST unless method says otherwise. */
  form?: Record<string, string | string[]> | URLSearchParams
  headers?: Record<string, string>
  /** Origin header for non-GET requests: defaults to the app's configured origin; null leaves it out. */
  origin?: string | null
}

export type Harness = {
  /** Where the server listens. */
  origin: string
  /** APP_ORIGIN while it runs: links and the origin checks use this one (the listening address unless set). */
  appOrigin: string
  request: (path: string, options?: RequestOptions) => Promise<Response>
  close: () => Promise<void>
}

/**
 * Boots the build (migrations; SEED_DEMO=false in tests) and serves it on 127.0.0.1 on a free port; with
 * `realtime`, the socket.io gateway is attached as server/index.ts does. APP_ORIGIN is set to the listening
 * address (or to `appOrigin`, as behind a proxy) until close().
 */
export async function startHarness(
  options: {
    realtime?: boolean
    redisKeyPrefix?: string
    appOrigin?: string
    /** Remix in production mode, as users meet it: error details and stack traces stay in the log. */
    production?: boolean
  } = {},
): Promise<Harness> {
  const build = await loadBuild()
  booted ??= entryOf(build).bootstrap()
  await booted
  // Listen first: the free port is part of the origin the app must be configured with.
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const appOrigin = options.appOrigin ?? origin
  const previousAppOrigin = process.env.APP_ORIGIN
  process.env.APP_ORIGIN = appOrigin
  resetConfig()
  const config = getConfig()
  const level = (process.env.TANDEM_TEST_LOG_LEVEL ?? 'silent') as Config['LOG_LEVEL']
  const logger = createLogger({ ...config, NODE_ENV: 'production', LOG_LEVEL: level })
  const mode: Config['NODE_ENV'] = options.production ? 'production' : config.NODE_ENV
  server.on('request', createApp({ config: { ...config, NODE_ENV: mode }, logger, build, buildDir }))
  const realtime = options.realtime
    ? attachRealtime(server, {
        config,
        logger,
        access: entryOf(build).realtimeAccess,
        redisKeyPrefix: options.redisKeyPrefix,
      })
    : null

  async function request(target: string, options: RequestOptions = {}) {
    const method = (options.method ?? (options.form ? 'POST' : 'GET')).toUpperCase()
    const headers = new Headers(options.headers)
    if (options.cookie) headers.set('cookie', options.cookie)
    const sendOrigin = options.origin === undefined ? appOrigin : options.origin
    if (method !== 'GET' && method !== 'HEAD' && sendOrigin !== null) headers.set('origin', sendOrigin)
    let body: URLSearchParams | undefined
    if (options.form) {
      body =
        options.form instanceof URLSearchParams
          ? options.form
          : new URLSearchParams(
              Object.entries(options.form).flatMap(([k, v]) =>
                (Array.isArray(v) ? v : [v]).map((x) => [k, x]),
              ),
            )
    }
    return fetch(new URL(target, origin), { method, headers, body, redirect: 'manual' })
  }

  return {
    origin,
    appOrigin,
    request,
    close: async () => {
      await realtime?.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await entryOf(build).shutdown()
      booted = undefined
      if (previousAppOrigin === undefined) delete process.env.APP_ORIGIN
      else process.env.APP_ORIGIN = previousAppOrigin
      resetConfig()
    },
  }
}

/** A signed-in cookie header value for this user in this org, made directly (no login form). */
export async function signInAs(userId: string, orgId: string): Promise<string> {
  const { token } = await createSession(userId, orgId, { ip: '127.0.0.1', userAgent: 'integration-test' })
  return `${SESSION_COOKIE}=${token}`
}

/** The raw token inside a cookie header value made by signInAs (or read from Set-Cookie). */
export function tokenOf(cookie: string): string {
  const match = new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(cookie)
  if (!match) throw new Error(`No ${SESSION_COOKIE} in ${cookie}`)
  return match[1]
}

/** The redirect target of a 3xx response, as a path. */
export function locationOf(response: Response): string | null {
  const location = response.headers.get('location')
  if (!location) return null
  const url = new URL(location, 'http://placeholder')
  return url.origin === 'http://placeholder' ? `${url.pathname}${url.search}` : location
}
