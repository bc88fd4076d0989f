import type { PayloadRequest } from 'payload'
import { postgres } from './postgres.ts'

/**
 * The drizzle handle of the request's transaction, for the few statements Payload's API cannot
 * express: in the request's own transaction, so it never waits for a second pooled connection.
 */
export async function transactionDb(req: PayloadRequest) {
  const adapter = postgres(req.payload)
  return (req.transactionID && adapter.sessions[await req.transactionID]?.db) || adapter.drizzle
}
