import type { Tx } from './client.ts'

// Work that must wait until a transaction has committed (pushes to browsers: a client told "this changed" must
// be able to read the change). Kept per transaction; a rolled-back transaction drops its callbacks.
const pending = new WeakMap<Tx, (() => void)[]>()

/** Runs `fn` once `tx` has committed; never if it rolls back. */
export function afterCommit(tx: Tx, fn: () => void) {
  const list = pending.get(tx)
  if (list) list.push(fn)
  else pending.set(tx, [fn])
}

/** Runs a transaction, then whatever was queued with afterCommit inside it. */
export async function committing<T>(run: (capture: (tx: Tx) => void) => Promise<T>): Promise<T> {
  let captured: Tx | undefined
  const result = await run((tx) => {
    captured = tx
  })
  const list = captured ? pending.get(captured) : undefined
  if (captured) pending.delete(captured)
  for (const fn of list ?? []) {
    try {
      fn()
    } catch {
      // A failed push loses nothing: clients resync on reconnect and the change is stored.
    }
  }
  return result
}
