import { z } from 'zod'

// Parsed once; a wrong value stops the process with a message naming the variable.
const variablesSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** The address people open: links in emails and the origin checks use it, never a request's Host. */
  APP_ORIGIN: z
    .string()
    .url()
    .refine((value) => /^https?:\/\//i.test(value), 'must be an http:// or https:// address')
    .transform((value) => new URL(value).origin)
    .optional(),
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
  /** Failed sign-ins per account per hour, from all addresses together. */
  RATE_LIMIT_SIGNIN_ACCOUNT_PER_HOUR: z.coerce.number().int().positive().default(50),
  /** Background jobs (PDF ZIPs, overdue sweep): 'on' runs them in this process; 'off' leaves them to another. */
  JOB_RUNNER: z.enum(['on', 'off']).default('on'),
  JOB_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** Days between two payment reminders for the same overdue invoice. */
  INVOICE_REMINDER_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** Documents go to S3 (or an S3-compatible server) when a bucket is set; else to DATA_DIR/storage. */
  S3_BUCKET: z.string().min(3).optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** Path-style URLs (bucket in the path), which most S3-compatible servers need; defaults to on with an endpoint. */
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
  /** Checksums only where S3 requires them: some S3-compatible servers store the aws-chunked framing otherwise. */
  S3_CHECKSUMS: z.enum(['when_supported', 'when_required']).default('when_required'),
  /** Multipart upload part size and parts in flight: memory per upload is about (queue + 1) × part. */
  S3_PART_SIZE_MB: z.coerce.number().int().min(5).max(512).default(8),
  S3_QUEUE_SIZE: z.coerce.number().int().min(1).max(16).default(4),
  /** Signs the local driver's download links; generated once into DATA_DIR when unset. */
  STORAGE_SIGNING_SECRET: z.string().min(32).optional(),
  /** Largest form body (url-encoded, JSON, or multipart without files) read into memory; larger gets 413. */
  FORM_MAX_KB: z.coerce.number().int().min(16).max(65_536).default(1024),
  /** Largest document upload accepted. */
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(1_048_576).default(2048),
})

// Unset, APP_ORIGIN is this machine on PORT, so `npm start` works with no configuration.
const configSchema = variablesSchema.transform((config, ctx) => {
  if (config.APP_ORIGIN) return { ...config, APP_ORIGIN: config.APP_ORIGIN }
  if (config.PORT === 0) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['APP_ORIGIN'],
      message: 'required when PORT is 0 (the port, and so the address, is chosen only at start)',
    })
    return z.NEVER
  }
  return { ...config, APP_ORIGIN: `http://localhost:${config.PORT}` }
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
