import { type ChildProcess, spawn } from 'node:child_process'
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { simpleParser } from 'mailparser'
import postgres from 'postgres'
import { SMTPServer } from 'smtp-server'
import { type E2EState, STATE_ENV } from './state.ts'

const repoRoot = path.resolve(import.meta.dirname, '../..')

/**
 * Starts everything the browser tests talk to: a real SMTP receiver that files each message as JSON in a maildir,
 * a fresh database, and the built server as a child process. Returns the teardown.
 */
export default async function globalSetup() {
  const buildDir = process.env.TANDEM_BUILD_DIR ?? 'build-test'
  if (!existsSync(path.join(repoRoot, buildDir, 'server/index.js'))) {
    throw new Error(
      `No server build in ${buildDir}/: run \`TANDEM_BUILD_DIR=${buildDir} npx remix vite:build\` first`,
    )
  }
  const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-'))
  const maildir = path.join(root, 'mail')
  mkdirSync(maildir)

  const smtp = await startSmtp(maildir)
  const database = await createDatabase(root)
  const port = await freePort()
  const baseURL = `http://localhost:${port}`
  const logFile = path.join(root, 'server.log')
  let server: ChildProcess | undefined
  try {
    server = await startServer({ port, baseURL, smtpPort: smtp.port, env: database.env, logFile })
  } catch (error) {
    smtp.server.close()
    await database.drop()
    throw error
  }

  const state: E2EState = { baseURL, maildir, root }
  writeFileSync(path.join(root, 'state.json'), JSON.stringify(state))
  // Workers are spawned after global setup and inherit this environment.
  process.env[STATE_ENV] = JSON.stringify(state)

  return async () => {
    await stopServer(server)
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()))
    await database.drop()
    if (process.env.E2E_KEEP_TMP) process.stdout.write(`e2e files kept in ${root}\n`)
    else rmSync(root, { recursive: true, force: true })
  }
}

async function startSmtp(maildir: string) {
  let count = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) =>
            a.value.map((v) => (v.address ?? '').toLowerCase()),
          )
          const message = {
            to,
            from: mail.from?.text ?? '',
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            date: (mail.date ?? new Date()).toISOString(),
          }
          // Written then renamed, so a reader never sees half a file.
          const name = `${Date.now()}-${String(++count).padStart(4, '0')}.json`
          const tmp = path.join(maildir, `.${name}.tmp`)
          writeFileSync(tmp, JSON.stringify(message, null, 2))
          renameSync(tmp, path.join(maildir, name))
          callback()
        })
        .catch((error: Error) => callback(error))
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.server.address()
  if (!address || typeof address === 'string') throw new Error('SMTP receiver has no port')
  return { server, port: address.port }
}

/** PostgreSQL: a fresh database on DATABASE_URL's server, the app logging in as tandem_app. Else PGlite in a temp dir. */
export async function createDatabase(root: string) {
  const base = process.env.DATABASE_URL
  if (!base) {
    return {
      env: { DATA_DIR: path.join(root, 'data'), DATABASE_URL: '', DATABASE_APP_URL: '', PGLITE_DATA_DIR: '' },
      drop: async () => {},
    }
  }
  const name = `tandem_e2e_${Date.now().toString(36)}_${process.pid}`
  const admin = postgres(base, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  const url = new URL(base)
  url.pathname = `/${name}`
  const appUrl = new URL(url)
  appUrl.username = 'tandem_app'
  appUrl.password = ''
  return {
    env: {
      DATA_DIR: path.join(root, 'data'),
      DATABASE_URL: url.toString(),
      DATABASE_APP_URL: appUrl.toString(),
      PGLITE_DATA_DIR: '',
    },
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`)
      await admin.end()
    },
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

export async function startServer(options: {
  port: number
  baseURL: string
  /** Without one, mail goes to the in-app outbox. */
  smtpPort?: number
  env: Record<string, string>
  logFile: string
}) {
  const log = createWriteStream(options.logFile)
  // node --import tsx (not npx tsx) so the child is the server itself and a signal reaches it directly.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...options.env,
      NODE_ENV: 'production',
      TANDEM_BUILD_DIR: process.env.TANDEM_BUILD_DIR ?? 'build-test',
      PORT: String(options.port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'true',
      SMTP_URL: options.smtpPort ? `smtp://127.0.0.1:${options.smtpPort}` : '',
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
      APP_ORIGIN: options.baseURL,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.pipe(log)
  child.stderr?.pipe(log)
  let exited: number | null | undefined
  child.once('exit', (code) => {
    exited = code
  })

  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (exited !== undefined) break
    try {
      const response = await fetch(`http://127.0.0.1:${options.port}/login`, { redirect: 'manual' })
      if (response.status < 500) return child
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  await stopServer(child)
  const tail = readFileSync(options.logFile, 'utf8').split('\n').slice(-40).join('\n')
  throw new Error(
    exited !== undefined
      ? `Tandem server exited with code ${exited} before listening:\n${tail}`
      : `Tandem server did not answer within 90 s:\n${tail}`,
  )
}

export async function stopServer(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
  await gone
  clearTimeout(timer)
}
