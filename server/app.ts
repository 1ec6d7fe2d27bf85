import crypto from 'node:crypto'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import type { Logger } from 'pino'
import { pinoHttp } from 'pino-http'
import type { ViteDevServer } from 'vite'
import type { TandemLoadContext } from '#app/lib/load-context.ts'
import type { Config } from '#config/env.ts'
import { bodyLimit } from './body-limit.ts'
import { cspNonce, originCheck, privateByDefault, securityHeaders, storageImageSources } from './security.ts'

type Options = {
  config: Config
  logger: Logger
  build: ServerBuild | (() => Promise<ServerBuild>)
  vite?: ViteDevServer
  buildDir?: string
}

export function createApp({ config, logger, build, vite, buildDir = 'build' }: Options) {
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', config.TRUST_PROXY === 'true')

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || crypto.randomUUID()
        res.setHeader('x-request-id', id)
        return id
      },
      // Static assets and Vite's dev modules are not worth a line each.
      autoLogging: { ignore: (req) => /^\/(assets\/|app\/|node_modules\/|@)/.test(req.url ?? '') },
      serializers: {
        req: (req) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    }),
  )
  app.use(cspNonce)
  app.use(securityHeaders({ dev: !!vite, imageSources: storageImageSources(config) }))
  app.use(compression())

  if (vite) {
    app.use(vite.middlewares)
  } else {
    app.use('/assets', express.static(`${buildDir}/client/assets`, { immutable: true, maxAge: '1y' }))
    app.use(express.static(`${buildDir}/client`, { maxAge: '1h' }))
  }
  app.get('/healthz', (_req, res) => {
    res.type('text/plain').send('ok')
  })

  app.use(originCheck({ appOrigin: config.APP_ORIGIN }))
  app.use(privateByDefault)
  // Before Remix: an oversize body is refused unread, whatever route it was sent to.
  app.use(bodyLimit({ formMaxKb: config.FORM_MAX_KB, uploadMaxMb: config.UPLOAD_MAX_MB }))

  app.all(
    '*',
    createRequestHandler({
      build,
      mode: config.NODE_ENV === 'production' ? 'production' : 'development',
      getLoadContext: (req, res): TandemLoadContext => ({
        cspNonce: res.locals.cspNonce,
        requestId: String(req.id),
        ip: req.ip ?? null,
        logger: req.log,
      }),
    }),
  )
  return app
}
