import type { CollectionAfterDeleteHook } from 'payload'
import { sql } from '@payloadcms/db-postgres'
import { audit } from '../../publishing/audit.ts'
import { transactionDb } from '../../db/transaction.ts'

/**
 * Erasure (DSGVO Art. 17): with the subscription go its delivery records, whose SMTP answers may
 * quote the address. What stays is one line in the log that an address was removed, and by whom.
 */
export const forgetSubscriber: CollectionAfterDeleteHook = async ({ id, req }) => {
  const db = await transactionDb(req)
  await db.execute(sql`DELETE FROM alert_deliveries WHERE subscription = ${Number(id)}`)
  await audit(req, {
    action: 'subscription-removed',
    collection: 'subscriptions',
    documentId: Number(id),
    title: 'E-Mail-Adresse gelöscht',
  })
}
