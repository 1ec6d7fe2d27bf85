import type { Logger } from 'pino'

/** What the custom server hands every loader and action (server/app.ts builds it). */
export type TandemLoadContext = {
  cspNonce: string
  requestId: string
  ip: string | null
  logger: Logger
}

declare module '@remix-run/node' {
  interface AppLoadContext extends TandemLoadContext {}
}
