import pino from 'pino'
import type { Config } from '#config/env.ts'

export function createLogger(config: Config) {
  return pino({
    level: config.NODE_ENV === 'test' ? 'warn' : config.LOG_LEVEL,
    redact: ['req.headers.cookie', 'res.headers["set-cookie"]', 'req.headers.authorization'],
    ...(config.NODE_ENV === 'development' && process.stdout.isTTY
      ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } }
      : {}),
  })
}
