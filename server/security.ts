import crypto from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import helmet from 'helmet'

/** A fresh nonce per response, so the content security policy allows only our own inline scripts. */
export function cspNonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = crypto.randomBytes(16).toString('base64')
  next()
}

// Outbox previews show an email's own HTML, which is styled inline: a document policy of its own, no scripts at all.
const emailPreviewPath = /^\/admin\/outbox\/[^/]+\/preview$/
const emailPreviewHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'none'"],
      'style-src': ["'unsafe-inline'"],
      'img-src': ['data:', 'https:'],
      'frame-ancestors': ["'self'"],
      sandbox: [],
    },
  },
  referrerPolicy: { policy: 'no-referrer' },
})

/**
 * Where previews load from besides our own origin: with S3 storage, images come from presigned URLs on the
 * bucket's host (the local driver's links are same-origin).
 */
export function storageImageSources(config: { S3_BUCKET?: string; S3_ENDPOINT?: string; S3_REGION: string }) {
  if (!config.S3_BUCKET) return []
  if (config.S3_ENDPOINT) return [new URL(config.S3_ENDPOINT).origin]
  return [
    `https://${config.S3_BUCKET}.s3.${config.S3_REGION}.amazonaws.com`,
    `https://s3.${config.S3_REGION}.amazonaws.com`,
  ]
}

export function securityHeaders(options: { dev: boolean; imageSources?: string[] }) {
  const appHeaders = appSecurityHeaders(options)
  return (req: Request, res: Response, next: NextFunction) =>
    emailPreviewPath.test(req.path) ? emailPreviewHeaders(req, res, next) : appHeaders(req, res, next)
}

function appSecurityHeaders(options: { dev: boolean; imageSources?: string[] }) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': [
          "'self'",
          "'strict-dynamic'",
          (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`,
          // Vite's dev client injects scripts and styles; production never needs this.
          ...(options.dev ? ["'unsafe-inline'"] : []),
        ],
        'style-src': ["'self'", ...(options.dev ? ["'unsafe-inline'"] : [])],
        'img-src': ["'self'", 'data:', 'blob:', ...(options.imageSources ?? [])],
        'connect-src': ["'self'", ...(options.dev ? ['ws:'] : [])],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  })
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * CSRF defence: a state-changing request must come from the configured public origin (APP_ORIGIN), never from
 * whatever the request's own Host says. A missing or foreign Origin is refused, which also covers old browsers
 * that omit it on same-origin POSTs (they are not supported). Past this point the request is addressed to the
 * public host, so Remix's own Origin/Host comparison agrees behind a proxy that rewrites Host.
 */
export function originCheck(options: { appOrigin: string }) {
  const publicHost = new URL(options.appOrigin).host
  return (req: Request, res: Response, next: NextFunction) => {
    if (!safeMethods.has(req.method)) {
      const origin = req.get('origin')
      if (!origin || origin !== options.appOrigin) {
        res
          .status(403)
          .type('text/plain')
          .send(`Cross-origin request refused. Open Tandem at ${options.appOrigin} and try again.`)
        return
      }
    }
    req.headers.host = publicHost
    delete req.headers['x-forwarded-host']
    next()
  }
}

/**
 * Everything the Remix handler answers (pages, their data, downloads, errors) is per-user: no shared or browser
 * cache may keep it, unless a route chose its own Cache-Control. Static files are served before this and keep
 * their long caching.
 */
export function privateByDefault(_req: Request, res: Response, next: NextFunction) {
  const writeHead = res.writeHead
  res.writeHead = function (this: Response, ...args: Parameters<typeof writeHead>) {
    if (!this.hasHeader('cache-control')) this.setHeader('cache-control', 'private, no-store')
    return writeHead.apply(this, args)
  } as typeof writeHead
  next()
}
