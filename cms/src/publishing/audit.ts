import type { PayloadRequest } from 'payload'
import type { AUDIT_ACTIONS } from '../collections/AuditLog/index.ts'

type Entry = {
  action: (typeof AUDIT_ACTIONS)[number]
  collection: string
  documentId: number
  title?: string
  userId?: number | null
  scheduledFor?: string | null
}

/** Appends to the publishing log in the caller's transaction: no log entry without the change. */
export async function audit(req: PayloadRequest, entry: Entry): Promise<void> {
  const { userId, ...rest } = entry
  await req.payload.create({
    collection: 'audit-log',
    data: {
      ...rest,
      user: userId ?? (req.user?.collection === 'users' ? (req.user.id as number) : null),
      at: new Date().toISOString(),
    },
    req,
    overrideAccess: true,
    depth: 0,
  })
}
