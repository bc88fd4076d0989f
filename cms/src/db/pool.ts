import type { Pool, PoolClient, PoolConfig } from 'pg'

/** How long a request may wait for a free pooled connection before it fails instead of queueing on. */
export const POOL_WAIT_MS = 10_000

/**
 * Limits that turn an overload or a stuck transaction into errors for a few requests instead of a
 * CMS that hangs for good: a request waits at most POOL_WAIT_MS for a connection, PostgreSQL ends
 * a statement after a minute and a transaction that sits idle for 30 s (its connection returns to
 * the pool with an error, so the next request gets a working one).
 */
export function poolConfig(connectionString: string | undefined): PoolConfig {
  return {
    connectionString,
    max: 10,
    connectionTimeoutMillis: POOL_WAIT_MS,
    statement_timeout: 60_000,
    idle_in_transaction_session_timeout: 30_000,
    // A killed connection must not crash the process; the pool drops it and opens a new one.
    keepAlive: true,
  }
}

/**
 * PostgreSQL ends a transaction left idle too long by closing its connection. node-postgres then
 * emits 'error' on the checked-out client, which has no listener while checked out, and an
 * unhandled 'error' event would end the whole CMS process. Log it instead; the pool discards the
 * broken client when it is released.
 */
export function guardPool(pool: Pool | undefined, log: (message: string) => void): void {
  if (!pool) return
  const guarded = new WeakSet<PoolClient>()
  pool.on('acquire', (client) => {
    if (guarded.has(client)) return
    guarded.add(client)
    client.on('error', (error) => log(`database connection lost: ${error.message}`))
  })
  pool.on('error', (error) => log(`idle database connection lost: ${error.message}`))
}
