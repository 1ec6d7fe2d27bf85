/**
 * `npm run scan`: a wapiti scan of the built portal, signed in as the demo manager, on a fresh demo database.
 * Writes scan-report/ (report.json, summary.txt, wapiti.log, server.log). See docs/security-scan.md.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DEMO_PASSWORD } from '#db/seed/demo.ts'
import { createDatabase, freePort, startServer, stopServer } from '#tests/e2e/global-setup.ts'
import { countSevere, summarise, type WapitiReport } from './summary.ts'

const repoRoot = path.resolve(import.meta.dirname, '../..')
const reportDir = path.join(repoRoot, 'scan-report')
const account = 'manager@acme.test'
const crawlSeconds = Number(process.env.SCAN_MAX_SCAN_TIME ?? 180)
const attackSeconds = Number(process.env.SCAN_MAX_ATTACK_TIME ?? 180)
// wapiti's default modules without ssrf (it asks a public endpoint whether it was called back), plus crlf and
// methods. Not csrf: it flags every form without a token field, and the portal defends with an Origin check.
const modules = 'blindsql,cookieflags,csp,exec,file,http_headers,permanentxss,redirect,sql,xss,crlf,methods'

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', env })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`)
}

/** Signs in through the login form, as a browser would, and returns the session token. */
async function signIn(origin: string) {
  const response = await fetch(`${origin}/login`, {
    method: 'POST',
    headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: account, password: DEMO_PASSWORD, redirectTo: '/dashboard' }),
    redirect: 'manual',
  })
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('tandem_session='))
  const token = cookie?.split(';')[0].split('=')[1]
  if (response.status !== 302 || !token) throw new Error(`Sign-in as ${account} failed: ${response.status}`)
  return token
}

async function isSignedIn(origin: string, token: string) {
  const response = await fetch(`${origin}/dashboard`, {
    headers: { Cookie: `tandem_session=${token}` },
    redirect: 'manual',
  })
  return response.status === 200
}

/** wapiti's cookie file (wapitiCore/net/jsoncookie.py): domain, then path, then cookie name. */
function cookieFile(file: string, token: string) {
  const cookie = { value: token, expires: null, secure: false, port: null, version: 0 }
  writeFileSync(file, JSON.stringify({ '127.0.0.1': { '/': { tandem_session: cookie } } }, null, 2))
}

function startWapiti(origin: string, root: string) {
  const args = [
    ['-u', `${origin}/`, '--scope', 'folder', '-s', `${origin}/dashboard`],
    ['-c', path.join(root, 'cookie.json')],
    // Signing out would end the session; hashed assets are the bundler's output, not the app's routes. The
    // language switcher's form is on every page (redirectTo differs): dozens of copies would eat the attack time.
    ['-x', `${origin}/logout*`, '-x', `${origin}/assets/*`, '-x', `${origin}/set-locale*`],
    // Browsers send Origin with every form post; without it the CSRF check refuses them all before any route.
    ['-H', `Origin: ${origin}`],
    // wapiti asks for brotli but Debian's package cannot decode it (no python3-brotli): pages would look empty.
    ['-H', 'Accept-Encoding: gzip, deflate'],
    ['-m', modules, '--max-scan-time', String(crawlSeconds), '--max-attack-time', String(attackSeconds)],
    // Payload URLs point back at the portal and crash reports stay here: no traffic leaves 127.0.0.1.
    ['--endpoint', `${origin}/`, '--no-bugreport'],
    ['--store-session', path.join(root, 'wapiti'), '--store-config', path.join(root, 'wapiti')],
    ['-f', 'json', '-o', path.join(reportDir, 'report.json'), '-v', '1'],
  ].flat()
  // Debian's python3, where the wapiti package lives; the wrapper mends two of its faults (see the file).
  const child = spawn('/usr/bin/python3', [path.join(import.meta.dirname, 'wapiti.py'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const log = createWriteStream(path.join(reportDir, 'wapiti.log'))
  for (const stream of [child.stdout, child.stderr]) {
    stream.pipe(log)
    stream.pipe(process.stdout)
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, exited }
}

async function main() {
  run('bash', ['tests/ensure-system-packages.sh', 'wapiti'])
  const buildDir = process.env.TANDEM_BUILD_DIR ?? 'build'
  process.env.TANDEM_BUILD_DIR = buildDir
  if (process.env.SCAN_REUSE_BUILD === '1' && existsSync(path.join(repoRoot, buildDir, 'server/index.js'))) {
    console.log(`== reusing the build in ${buildDir}/`)
  } else {
    console.log(`== build (${buildDir}/)`)
    run('npx', ['remix', 'vite:build', '--logLevel', 'warn'])
  }

  rmSync(reportDir, { recursive: true, force: true })
  mkdirSync(reportDir)
  const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-scan-'))
  const database = await createDatabase(root)
  let server: ChildProcess | undefined
  let wapiti: ChildProcess | undefined
  // Ctrl-C or a kill stops wapiti; the finally below then stops the server and drops the database.
  const stopWapiti = () => wapiti?.kill('SIGTERM')
  process.once('SIGINT', stopWapiti)
  process.once('SIGTERM', stopWapiti)
  try {
    const port = await freePort()
    const origin = `http://127.0.0.1:${port}`
    console.log(`== server on ${origin} (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, demo data)`)
    const logFile = path.join(reportDir, 'server.log')
    server = await startServer({ port, baseURL: origin, env: database.env, logFile })
    const token = await signIn(origin)
    cookieFile(path.join(root, 'cookie.json'), token)

    console.log(
      `== wapiti: crawl ≤ ${crawlSeconds} s, each of ${modules.split(',').length} modules ≤ ${attackSeconds} s`,
    )
    const started = Date.now()
    const scan = startWapiti(origin, root)
    wapiti = scan.child
    const code = await scan.exited
    const reportFile = path.join(reportDir, 'report.json')
    if (!existsSync(reportFile))
      throw new Error(`wapiti wrote no report (exit ${code}); see scan-report/wapiti.log`)

    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as WapitiReport
    const log = readFileSync(path.join(reportDir, 'wapiti.log'), 'utf8')
    const crawled = Number(/Wapiti found (\d+) URLs and forms/.exec(log)?.[1] ?? 0)
    // Each module logs a `[+]` line per URL or form it attacks: how far it got before its time ran out.
    const attacked = log
      .split('[*] Launching module ')
      .slice(1)
      .map((section) => `${section.split('\n')[0]} ${section.match(/^\[\+\] /gm)?.length ?? 0}`)
    const summary = summarise(report, {
      account,
      crawled,
      attacked,
      minutes: Math.round((Date.now() - started) / 6000) / 10,
      limits: `crawl ≤ ${crawlSeconds} s, each attack module ≤ ${attackSeconds} s`,
      sessionSurvived: await isSignedIn(origin, token),
    })
    writeFileSync(path.join(reportDir, 'summary.txt'), summary)
    console.log(`\n${summary}\nReport: scan-report/report.json, summary: scan-report/summary.txt`)
    if (countSevere(report) > 0) process.exitCode = 1
  } finally {
    stopWapiti()
    await stopServer(server)
    await database.drop()
    rmSync(root, { recursive: true, force: true })
  }
}

main().catch((error: Error) => {
  console.error(`Scan failed: ${error.message}`)
  process.exitCode = 1
})
