import type { Payload } from 'payload'
import { SITE_BUILD_LOCK } from '../db/advisoryLocks.ts'
import { postgres } from '../db/postgres.ts'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `build` while holding the cluster-wide site build lock. Every runner (CMS instances, workers)
 * claims different build jobs, but two builds at once would race for the same target: the `live`
 * link, or the same bucket keys. The lock is a session lock on a connection of its own, outside
 * any transaction; PostgreSQL drops it when that connection ends, so a runner that dies frees it.
 * Waiting polls instead of blocking, because the pool ends statements after a minute.
 */
export async function withSiteBuildLock<T>(payload: Payload, build: () => Promise<T>, pollMs = 1_000): Promise<T> {
  const pool = postgres(payload).pool
  const client = await pool.connect()
  let released = false
  try {
    for (;;) {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
        SITE_BUILD_LOCK,
      ])
      if (rows[0]?.locked) break
      await pause(pollMs)
    }
    try {
      return await build()
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [SITE_BUILD_LOCK]).catch(() => {
        // A connection that cannot unlock is dropped below: that frees the lock as well.
        client.release(true)
        released = true
      })
    }
  } finally {
    if (!released) client.release()
  }
}
