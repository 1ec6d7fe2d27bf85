import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { freePort } from './app-process.ts'
import { buildDir } from './harness.ts'

/**
 * The embedded mode as a user meets it: the BUILT server started with no configuration but a data folder
 * (PGlite on disk, demo seed), then started again on the same folder.
 */

/** `origin` is where the server listens; `appOrigin` the address a user opens, http://localhost:PORT by default. */
type Server = {
  child: ChildProcess
  origin: string
  appOrigin: string
  stdout: () => string
  stderr: () => string
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-smoke-'))
const running = new Set<ChildProcess>()

function childEnv(port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  // The embedded default: no database configured at all.
  for (const name of ['DATABASE_URL', 'DATABASE_APP_URL', 'PGLITE_DATA_DIR', 'APP_ORIGIN']) delete env[name]
  return {
    ...env,
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'info',
    TANDEM_BUILD_DIR: path.relative(process.cwd(), buildDir),
  }
}

async function start(): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: process.cwd(),
    env: childEnv(await freePort()),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  let out = ''
  let err = ''
  child.stdout?.on('data', (chunk) => {
    out += chunk
  })
  child.stderr?.on('data', (chunk) => {
    err += chunk
  })
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening" within 60 s:\n${out}\n${err}`)), 60_000)
    const check = () => {
      const match = /listening on http:\/\/localhost:(\d+)/.exec(out)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout?.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${out}\n${err}`))
    })
  })
  return {
    child,
    origin: `http://127.0.0.1:${port}`,
    appOrigin: `http://localhost:${port}`,
    stdout: () => out,
    stderr: () => err,
  }
}

async function stop(server: Server | undefined) {
  if (!server || server.child.exitCode !== null) return
  const exited = new Promise((resolve) => server.child.once('exit', resolve))
  server.child.kill('SIGTERM')
  await exited
  running.delete(server.child)
}

async function signIn(server: Server, email: string, password: string) {
  const res = await fetch(`${server.origin}/login`, {
    method: 'POST',
    headers: { origin: server.appOrigin },
    body: new URLSearchParams({ email, password }),
    redirect: 'manual',
  })
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('tandem_session='))
    ?.split(';')[0]
  return { status: res.status, cookie }
}

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

describe('the built server on an empty data folder', () => {
  let server: Server | undefined

  beforeAll(async () => {
    server = await start()
    // The demo banner is printed right after the listening line.
    for (let i = 0; i < 50 && !server.stdout().includes('Demo logins'); i++) {
      await new Promise((r) => setTimeout(r, 100))
    }
  }, 90_000)
  afterAll(() => stop(server), 30_000)

  test('prints the demo logins', () => {
    const out = server?.stdout() ?? ''
    expect(out).toContain('Demo logins (password for all: tandem-demo-2026)')
    expect(out).toContain('owner@acme.test')
    expect(out).toContain('portal@evergreen.test')
  })

  test('says once which public origin links and the origin check use', () => {
    const out = server?.stdout() ?? ''
    expect(out.match(/"appOrigin":"[^"]*"/g)).toEqual([`"appOrigin":"${server?.appOrigin}"`])
  })

  test('the demo owner signs in and sees the dashboard', async () => {
    if (!server) throw new Error('server did not start')
    const { status, cookie } = await signIn(server, 'owner@acme.test', 'tandem-demo-2026')
    expect(status).toBe(302)
    expect(cookie).toMatch(/^tandem_session=\w+/)
    const res = await fetch(`${server.origin}/dashboard`, { headers: { cookie: cookie ?? '' } })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Acme Appliances')
  })
})

describe('restarted on the same data folder', () => {
  let server: Server | undefined

  beforeAll(async () => {
    server = await start()
  }, 90_000)
  afterAll(() => stop(server), 30_000)

  test('keeps the data and does not seed again', async () => {
    if (!server) throw new Error('server did not start')
    expect(server.stdout()).toMatch(/"seeded":false/)
    expect(server.stderr()).not.toMatch(/error/i)
    const { status } = await signIn(server, 'owner@acme.test', 'tandem-demo-2026')
    expect(status).toBe(302)
  })
})
