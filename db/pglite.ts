import { AsyncLocalStorage } from 'node:async_hooks'
import { PGlite, type Results, type Transaction } from '@electric-sql/pglite'

// The PGlite whose transaction the current async call chain is inside, if any.
const openTransaction = new AsyncLocalStorage<PGlite>()

/**
 * PGlite has one connection: a query or transaction started on the handle while one of its transactions is open
 * queues behind that transaction. Started from inside it (a helper reaching for the database handle instead of the
 * transaction's `tx`), it waits for a transaction that waits for it: the process hangs with no error. This handle
 * refuses such a call at once, so the transaction fails with the cause instead. On PostgreSQL the same call would
 * take a second pool connection and run outside the transaction, which is just as wrong, only quieter.
 */
class SingleConnectionPglite extends PGlite {
  #refuseInsideTransaction() {
    if (openTransaction.getStore() === this) {
      throw new Error(
        'PGlite has one connection: a query started inside an open transaction must go through that ' +
          "transaction's handle (tx). Started on the database handle, it would wait for the transaction to end, " +
          'which waits for it. Pass tx down, or run it before or after the transaction.',
      )
    }
  }

  override async query<T>(...args: Parameters<PGlite['query']>): Promise<Results<T>> {
    this.#refuseInsideTransaction()
    return super.query<T>(...args)
  }

  override async exec(...args: Parameters<PGlite['exec']>): Promise<Results[]> {
    this.#refuseInsideTransaction()
    return super.exec(...args)
  }

  override async transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    this.#refuseInsideTransaction()
    return super.transaction((tx) => openTransaction.run(this, () => callback(tx)))
  }
}

/** An embedded PGlite (a folder, or `memory://`) that refuses calls that would deadlock its one connection. */
export function openPglite(dir: string): PGlite {
  return new SingleConnectionPglite(dir)
}
