import type { CollectionAfterDeleteHook } from 'payload'
import { sql } from '@payloadcms/db-postgres'
import { audit } from '../../publishing/audit.ts'
import { transactionDb } from '../../db/transaction.ts'
import { recordErasure } from '../../subscriptions/erasures.ts'

/**
 * Erasure (DSGVO Art. 17): with the subscription go its delivery records, whose SMTP answers may
 * quote the address. What stays is one line in the log that an address was removed, and by whom,
 * and for the 48 hours a confirmation link lives a keyed hash of the address, so that none of the
 * links mailed before can subscribe it again (erasures.ts).
 */
export const forgetSubscriber: CollectionAfterDeleteHook = async ({ doc, id, req }) => {
  const db = await transactionDb(req)
  await recordErasure(req, (doc as { email: string }).email)
  await db.execute(sql`DELETE FROM alert_deliveries WHERE subscription = ${Number(id)}`)
  await audit(req, {
    action: 'subscription-removed',
    collection: 'subscriptions',
    documentId: Number(id),
    title: 'E-Mail-Adresse gelöscht',
  })
}
