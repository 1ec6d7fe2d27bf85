import { type ChildProcess, spawn } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'

export type Running = { name: string; pid: number; stop: () => Promise<void> }

/**
 * Starts a command in its own process group (npx → tsx → node), waits until `readyUrl` answers and returns a
 * stop() that ends the whole group: nothing is left running after the bench.
 */
export async function startProcess(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  readyUrl: string,
  timeoutMs = 60_000,
): Promise<Running> {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000)
  })
  const running: Running = { name, pid: child.pid ?? 0, stop: () => stopGroup(child) }
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited early (${child.exitCode}):\n${stderr}`)
    try {
      const res = await fetch(readyUrl)
      await res.arrayBuffer()
      return running
    } catch {
      await sleep(200)
    }
  }
  await running.stop()
  throw new Error(`${name} did not start within ${timeoutMs} ms:\n${stderr}`)
}

async function stopGroup(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), sig)
    } catch {
      // Already gone.
    }
  }
  signal('SIGTERM')
  const timedOut = await Promise.race([exited.then(() => false), sleep(5000).then(() => true)])
  if (timedOut) {
    signal('SIGKILL')
    await exited
  }
}

/** Runs a command to completion with inherited output; rejects on a non-zero exit. */
export function runCommand(command: string, args: string[], env: Record<string, string>) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: 'inherit' })
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    )
  })
}
