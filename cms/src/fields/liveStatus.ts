import type { UIField } from 'payload'

/** "Live seit …" / "wird veröffentlicht um …" / "Build fehlgeschlagen" beside every editorial document. */
export const liveStatusField: UIField = {
  name: 'liveStatus',
  type: 'ui',
  admin: { position: 'sidebar', components: { Field: '/components/LiveStatus.tsx#LiveStatus' } },
}
