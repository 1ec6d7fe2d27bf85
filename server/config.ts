import { z } from 'zod'

// Parsed once; a wrong value stops the process with a message naming the variable.
const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  APP_ORIGIN: z.string().url().optional(),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_APP_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  PGLITE_DATA_DIR: z.string().optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Tandem <no-reply@tandem.local>'),
  REDIS_URL: z.string().url().optional(),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  SESSION_IDLE_DAYS: z.coerce.number().positive().default(14),
  SESSION_ABSOLUTE_DAYS: z.coerce.number().positive().default(30),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_SIGNIN_PER_15_MIN: z.coerce.number().int().positive().default(10),
  /** Background jobs (PDF ZIPs, overdue sweep): 'on' runs them in this process; 'off' leaves them to another. */
  JOB_RUNNER: z.enum(['on', 'off']).default('on'),
  JOB_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** Days between two payment reminders for the same overdue invoice. */
  INVOICE_REMINDER_DAYS: z.coerce.number().int().min(1).max(365).default(7),
})

export type Config = z.infer<typeof configSchema>

export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const result = configSchema.safeParse(cleaned)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  return result.data
}

export class ConfigError extends Error {}

// Cached on globalThis so the server build and code outside it (tests, scripts) read one parsed config.
const key = Symbol.for('tandem.config')
type Holder = { [key]?: Config }

export function getConfig(): Config {
  const holder = globalThis as Holder
  holder[key] ??= parseConfig()
  return holder[key]
}

/** Tests change process.env and call this so the next getConfig() parses it again. */
export function resetConfig() {
  ;(globalThis as Holder)[key] = undefined
}
