import { existsSync, readFileSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { Endpoint } from './routes.ts'

/**
 * The bad inputs of the robustness sweep, generated per route: which query parameters a route reads is found in
 * its source (the route file and the files it imports, two levels deep), so new routes and new parameters are
 * probed without edits.
 */

export type Probe = {
  label: string
  method: 'GET' | 'POST'
  url: string
  headers?: Record<string, string>
  body?: string
}

const appDir = path.resolve('app')
const twentyDigits = '99999999999999999999'
/** Path param values that are not ids of anything: a word, an overflowing number, a sign, NUL. */
export const invalidIds = ['not-an-id', twentyDigits, '-1', '\0']
/**
 * Probed on every route besides what its source shows it reads: names that schemas read through
 * `Object.fromEntries(url.searchParams)`, where no `searchParams.get('name')` gives them away.
 */
const commonParams = ['q', 'page', 'before', 'after', 'limit', 'status']

/** The source file of a built route (`routes/_app.chat.$channelId` → app/routes/_app.chat.$channelId.tsx). */
export function routeFile(routeId: string): string | null {
  for (const ext of ['.tsx', '.ts', '.jsx', '.js']) {
    const file = path.join(appDir, `${routeId}${ext}`)
    if (existsSync(file)) return file
  }
  return null
}

function resolveImport(from: string, specifier: string): string | null {
  const target = specifier.startsWith('#app/')
    ? path.join(appDir, specifier.slice('#app/'.length))
    : specifier.startsWith('.')
      ? path.resolve(path.dirname(from), specifier)
      : null
  if (!target) return null
  for (const candidate of [target, `${target}.ts`, `${target}.tsx`]) {
    if (existsSync(candidate) && candidate.match(/\.tsx?$/)) return candidate
  }
  return null
}

const paramPattern = /searchParams\.(?:get|getAll|has)\(\s*['"`]([^'"`]+)['"`]/g
const importPattern = /from\s+['"]([^'"]+)['"]/g

/** Query parameter names a route reads, itself or through the modules it imports (two levels). */
export function queryParamsReadBy(file: string, depth = 2, seen = new Set<string>()): Set<string> {
  const names = new Set<string>()
  if (seen.has(file)) return names
  seen.add(file)
  const source = readFileSync(file, 'utf8')
  for (const [, name] of source.matchAll(paramPattern)) names.add(name)
  if (depth > 0) {
    for (const [, specifier] of source.matchAll(importPattern)) {
      const imported = resolveImport(file, specifier)
      if (imported) for (const name of queryParamsReadBy(imported, depth - 1, seen)) names.add(name)
    }
  }
  return names
}

function withQuery(url: string, name: string, value: string) {
  const [base, query = ''] = url.split('?')
  const params = new URLSearchParams(query)
  params.set(name, value)
  return `${base}?${params}`
}

/** A route's URL with one path param swapped for `value` (the others keep their real records). */
async function withParam(
  pattern: string,
  fill: (param: string) => Promise<string>,
  target: string,
  value: string,
) {
  const segments = await Promise.all(
    pattern.split('/').map(async (s) => {
      if (s === '*') return target === '*' ? encodeURIComponent(value) : 'anything'
      if (!s.startsWith(':')) return s
      const name = s.slice(1)
      return encodeURIComponent(name === target ? value : await fill(name))
    }),
  )
  return segments.join('/') || '/'
}

const boundary = 'sweepboundary'
const postBodies: Omit<Probe, 'method' | 'url'>[] = [
  {
    label: 'malformed multipart',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nx\r\n--${boundary}\r\nContent-Dispo`,
  },
  {
    label: 'multipart without a boundary',
    headers: { 'content-type': 'multipart/form-data' },
    body: 'intent=x',
  },
  {
    label: 'broken url-encoding',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'intent=%E0%A4%A&q=%E0%A4%A&name=%',
  },
  {
    label: 'JSON to a form action',
    headers: { 'content-type': 'application/json' },
    body: '{"intent":"x"}',
  },
  {
    label: 'NUL in form fields',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'intent=x%00&name=a%00b&q=%00',
  },
  {
    label: 'oversize url-encoded body (2 MB)',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `intent=x&filler=${'a'.repeat(2 * 1024 * 1024)}`,
  },
]

/**
 * The probes for one route: GETs with NUL and 20-digit values in every query parameter it reads (and `q`), with
 * invalid ids in each path param; POSTs with each bad body, and with invalid ids.
 */
export async function probesFor(
  endpoint: Endpoint,
  fill: (param: string) => Promise<string>,
  actionUrl: (url: string) => string,
): Promise<Probe[]> {
  const url = await withParam(endpoint.pattern, fill, '', '')
  const file = routeFile(endpoint.id)
  const names = new Set([...commonParams, ...(file ? queryParamsReadBy(file) : [])])
  const probes: Probe[] = [{ label: 'plain', method: 'GET', url }]
  for (const name of names) {
    probes.push({ label: `NUL in ?${name}`, method: 'GET', url: withQuery(url, name, 'a\0b') })
    probes.push({ label: `20 digits in ?${name}`, method: 'GET', url: withQuery(url, name, twentyDigits) })
  }
  for (const param of endpoint.params) {
    for (const value of invalidIds) {
      const bad = await withParam(endpoint.pattern, fill, param, value)
      const label = `:${param} = ${JSON.stringify(value.slice(0, 24))}`
      probes.push({ label: `GET ${label}`, method: 'GET', url: bad })
      // Actions look records up as loaders do: two bad ids are enough there, and keep the run short.
      if (value === twentyDigits || value === '-1') continue
      probes.push({
        label: `POST ${label}`,
        method: 'POST',
        url: actionUrl(bad),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'intent=x',
      })
    }
  }
  for (const body of postBodies) probes.push({ ...body, method: 'POST', url: actionUrl(url) })
  return probes
}

/** A stack trace line (`at fn (file.js:1:2)`): a response must never carry one. */
const stackLine = /\bat\s+(?:[\w$.<>[\] ]+\s+\()?(?:file:\/\/|node:|\/)[^\s)]*:\d+:\d+/

export function serverFault(status: number, body: string): string | null {
  if (status >= 500) return `${status}`
  if (stackLine.test(body)) return `${status} with a stack trace`
  return null
}

/**
 * Sends a probe over plain node:http, which reads a response that arrives while the body is still being sent (an
 * early 413 with `Connection: close`), where fetch would report a failed upload instead.
 */
export function rawRequest(origin: string, probe: Probe, headers: Record<string, string>) {
  // `\0` cannot travel in a URL as it is: percent-encode it as a browser would.
  const url = new URL(probe.url.replaceAll('\0', '%00'), origin)
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const body = probe.body === undefined ? undefined : Buffer.from(probe.body)
    const req = http.request(
      url,
      {
        method: probe.method,
        headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        )
        res.on('error', reject)
      },
    )
    // The server may answer and close before the whole body is sent: the answer, if it came, is what counts.
    req.on('error', (error) => setTimeout(() => reject(error), 500))
    req.end(body)
  })
}
