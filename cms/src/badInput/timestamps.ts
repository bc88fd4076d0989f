import type { CollectionBeforeChangeHook } from 'payload'

/**
 * `createdAt` and `updatedAt` are the server's record of when, not the client's: whatever a REST or
 * GraphQL client sends is replaced (Payload stored a client's `createdAt` as given). Server code
 * (the Local API: seeds, imports) may still set them.
 */
export const serverTimestamps: CollectionBeforeChangeHook = ({ data, operation, originalDoc, req }) => {
  if (req.payloadAPI === 'local') return data
  const now = new Date().toISOString()
  return { ...data, createdAt: operation === 'create' ? now : originalDoc?.createdAt, updatedAt: now }
}
