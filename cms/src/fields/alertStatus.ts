import type { UIField } from 'payload'

/** "E-Mail-Benachrichtigung: an 1.234 Abonnenten versendet am …" beside a press release. */
export const alertStatusField: UIField = {
  name: 'alertStatus',
  type: 'ui',
  admin: { position: 'sidebar', components: { Field: '/components/AlertStatus.tsx#AlertStatus' } },
}
