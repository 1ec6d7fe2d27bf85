import http from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import type { EntryExports } from '#app/entry.server.tsx'
import { ConfigError, getConfig } from '#config/env.ts'
import { createApp } from './app.ts'
import { createLogger } from './logger.ts'
import { attachRealtime } from './realtime/gateway.ts'

async function main() {
  const config = getConfig()
  const logger = createLogger(config)
  // Said once: a browser on any other address can read pages but not sign in, and emailed links point here.
  logger.info(
    { appOrigin: config.APP_ORIGIN },
    `Public origin ${config.APP_ORIGIN} (set APP_ORIGIN to change it)`,
  )
  const production = config.NODE_ENV === 'production'
  const buildDir = process.env.TANDEM_BUILD_DIR ?? 'build'

  const vite = production
    ? undefined
    : await import('vite').then((v) =>
        v.createServer({ server: { middlewareMode: true }, appType: 'custom' }),
      )
  // The server reaches app code only through the Remix build, so there is one module graph (one pool).
  const loadBuild = async (): Promise<ServerBuild> =>
    vite
      ? ((await vite.ssrLoadModule('virtual:remix/server-build')) as ServerBuild)
      : ((await import(pathToFileURL(path.resolve(buildDir, 'server/index.js')).href)) as ServerBuild)

  const initial = await loadBuild()
  const entry = initial.entry.module as unknown as EntryExports
  const started = performance.now()
  const summary = await entry.bootstrap({ logger: logger.child({ component: 'jobs' }) })
  logger.info({ ms: Math.round(performance.now() - started), ...summary.log }, 'database ready')

  const app = createApp({ config, logger, build: vite ? loadBuild : initial, vite, buildDir })
  const server = http.createServer(app)
  const realtime = attachRealtime(server, {
    config,
    logger: logger.child({ component: 'realtime' }),
    access: entry.realtimeAccess,
  })
  server.listen(config.PORT, config.HOST, () => {
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : config.PORT
    logger.info({ port }, `Tandem listening on http://localhost:${port}`)
    if (summary.banner) process.stdout.write(`\n${summary.banner}\n`)
  })

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down')
    server.close()
    await realtime.close()
    await entry.shutdown()
    await vite?.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void shutdown('SIGINT'))
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`)
  } else {
    process.stderr.write(`Tandem failed to start: ${error?.stack ?? error}\n`)
  }
  process.exit(1)
})
