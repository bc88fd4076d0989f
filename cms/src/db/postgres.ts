import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

/**
 * Payload types its database adapter for any database; this CMS always runs on PostgreSQL, and the
 * few statements Payload's API cannot express (locks, leases, counters) need its drizzle handle and pool.
 */
export const postgres = (payload: Payload): PostgresAdapter => payload.db as unknown as PostgresAdapter
