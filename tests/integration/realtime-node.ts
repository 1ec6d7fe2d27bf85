import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { getConfig, resetConfig } from '#config/env.ts'
import { createApp } from '#server/app.ts'
import { createLogger } from '#server/logger.ts'
import { attachRealtime } from '#server/realtime/gateway.ts'
import { buildDir, entryOf, loadBuild } from './harness.ts'

// One app process for the multi-process tests: the built server with the socket.io gateway, as server/index.ts
// runs it, on PORT (0 = any free port). Prints "READY <port>" once listening. REDIS_PREFIX keeps concurrent test
// runs on one Redis apart.

const build = await loadBuild()
const entry = entryOf(build)
await entry.bootstrap()
// Listen first: APP_ORIGIN is this process's own address, port included (each node is reached directly).
const server = http.createServer()
await new Promise<void>((resolve) => server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', resolve))
const port = (server.address() as AddressInfo).port
process.env.APP_ORIGIN = `http://127.0.0.1:${port}`
resetConfig()
const config = getConfig()
const logger = createLogger({ ...config, NODE_ENV: 'production', LOG_LEVEL: 'silent' })
server.on('request', createApp({ config, logger, build, buildDir }))
const realtime = attachRealtime(server, {
  config,
  logger,
  access: entry.realtimeAccess,
  redisKeyPrefix: process.env.REDIS_PREFIX,
})
process.stdout.write(`READY ${port}\n`)
process.once('SIGTERM', async () => {
  await realtime.close()
  server.close()
  await entry.shutdown()
  process.exit(0)
})
