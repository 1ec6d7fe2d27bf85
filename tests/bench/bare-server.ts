/**
 * The baseline: a node:http server that validates nothing and runs the directory's own query
 * (`listPartnerships`), then renders the directory's own table with renderToString. Run as a script:
 *   BENCH_MODE=rls|system BENCH_ORG_ID=… BENCH_USER_ID=… PORT=… tsx tests/bench/bare-server.ts
 * `rls` runs the query inside withTenant (restricted role, policies on); `system` runs it as the owner (asSystem),
 * which bypasses row-level security. Same SQL either way.
 */
import http from 'node:http'
import { createInstance } from 'i18next'
import { createElement as h } from 'react'
import { renderToString } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { MemoryRouter } from 'react-router-dom'
import { PartnershipTable } from '#app/components/partners/partnership-table.tsx'
import { listPartnerships } from '#app/features/partners/list-partnerships.server.ts'
import { i18nConfig } from '#app/lib/i18n/config.ts'
import type { Tx } from '#db/client.ts'
import { asSystem, withTenant } from '#db/tenant.ts'

const mode = process.env.BENCH_MODE === 'system' ? 'system' : 'rls'
const orgId = process.env.BENCH_ORG_ID ?? ''
const userId = process.env.BENCH_USER_ID ?? ''
const port = Number(process.env.PORT ?? 3299)

const run = <T>(fn: (tx: Tx) => Promise<T>) =>
  mode === 'rls' ? withTenant({ orgId, userId }, fn) : asSystem(fn)

async function main() {
  const i18n = createInstance()
  await i18n.use(initReactI18next).init({ ...i18nConfig, lng: 'en' })

  const server = http.createServer(async (_req, res) => {
    try {
      const { rows, total } = await run((tx) => listPartnerships({ tx, orgId }, { page: 1 }))
      // createElement keeps this file plain .ts; same tree as <I18nextProvider><MemoryRouter><PartnershipTable/>.
      const table = renderToString(
        h(I18nextProvider, { i18n }, h(MemoryRouter, null, h(PartnershipTable, { rows, timeZone: 'UTC' }))),
      )
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(`<!doctype html><html><body><p>${total}</p>${table}</body></html>`)
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' })
      res.end(String(error))
    }
  })
  server.listen(port, '127.0.0.1')
  const stop = () => server.close(() => process.exit(0))
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

main().catch((error) => {
  process.stderr.write(`bare server failed: ${error?.stack ?? error}\n`)
  process.exit(1)
})
