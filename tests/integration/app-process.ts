import { type ChildProcess, spawn } from 'node:child_process'
import net from 'node:net'

export type AppProcess = { port: number; origin: string; child: ChildProcess; stop: () => Promise<void> }

/** Starts tests/integration/realtime-node.ts in a child process on this test's database and waits until it listens. */
export function startAppProcess(env: Record<string, string>): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/realtime-node.ts'], {
    env: { ...process.env, JOB_RUNNER: 'off', SEED_DEMO: 'false', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app process did not start:\n${stderr}`)), 30_000)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`app process exited with ${code}:\n${stderr}`))
    })
    let out = ''
    child.stdout?.on('data', (chunk) => {
      out += chunk
      const match = /READY (\d+)/.exec(out)
      if (!match) return
      clearTimeout(timer)
      child.removeAllListeners('exit')
      const port = Number(match[1])
      resolve({
        port,
        origin: `http://127.0.0.1:${port}`,
        child,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
      })
    })
  })
}

/** A port that was free a moment ago (the kill test restarts a process on the same port). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}
