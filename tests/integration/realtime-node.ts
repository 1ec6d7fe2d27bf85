import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createApp } from '#server/app.ts'
import { getConfig } from '#server/config.ts'
import { createLogger } from '#server/logger.ts'
import { attachRealtime } from '#server/realtime/gateway.ts'
import { buildDir, entryOf, loadBuild } from './harness.ts'

// One app process for the multi-process tests: the built server with the socket.io gateway, as server/index.ts
// runs it, on PORT (0 = any free port). Prints "READY <port>" once listening. REDIS_PREFIX keeps concurrent test
// runs on one Redis apart.

const build = await loadBuild()
const entry = entryOf(build)
await entry.bootstrap()
const config = getConfig()
const logger = createLogger({ ...config, NODE_ENV: 'production', LOG_LEVEL: 'silent' })
const server = http.createServer(createApp({ config, logger, build, buildDir }))
const realtime = attachRealtime(server, {
  config,
  logger,
  access: entry.realtimeAccess,
  redisKeyPrefix: process.env.REDIS_PREFIX,
})
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`)
})
process.once('SIGTERM', async () => {
  await realtime.close()
  server.close()
  await entry.shutdown()
  process.exit(0)
})
