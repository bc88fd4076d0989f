import { sql } from '@payloadcms/db-postgres'
import type { CollectionBeforeOperationHook } from 'payload'
import { DOCUMENT_SAVE_LOCKS } from './advisoryLocks.ts'
import { transactionDb } from './transaction.ts'

type Versioned = keyof typeof DOCUMENT_SAVE_LOCKS

/**
 * Saves of one document run one after another: each takes the document's advisory lock in its own
 * transaction before Payload reads the document, and holds it until commit. Without it, parallel
 * autosaves each saw no newer version and each left theirs marked latest (six "latest" drafts of
 * one release after four bursts of 25). The version tables' triggers take the same lock, so saves
 * that bypass this hook (bulk updates, restores) are serialised as well.
 */
export const lockDocumentSave: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  const namespace = DOCUMENT_SAVE_LOCKS[collection.slug as Versioned]
  const id = (args as { id?: unknown }).id
  if (namespace === undefined || operation !== 'update' || id === undefined || !req.transactionID) return
  const key = Number(id)
  if (!Number.isSafeInteger(key) || key < -(2 ** 31) || key >= 2 ** 31) return
  await (await transactionDb(req)).execute(sql`SELECT pg_advisory_xact_lock(${namespace}::int4, ${key}::int4)`)
}
