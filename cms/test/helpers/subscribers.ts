import type { Payload } from 'payload'
import { CONSENT_VERSION } from '@masterplan/shared'

/** A subscription as the confirmation link leaves it, written straight into the database. */
export const confirmedSubscriber = (payload: Payload, email: string, topics: string[], language: 'de' | 'en') =>
  payload.create({
    collection: 'subscriptions',
    data: {
      email,
      topics,
      language,
      requestedAt: new Date().toISOString(),
      confirmedAt: new Date().toISOString(),
      consentVersion: CONSENT_VERSION,
    } as never,
    overrideAccess: true,
  })
