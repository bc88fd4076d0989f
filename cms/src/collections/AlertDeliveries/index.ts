import { roles } from '../../access/index.ts'
import { label } from '../../lib/label.ts'
import { systemCollection } from '../system.ts'

/**
 * One row per alert and subscriber: claimed ("sending") before the mail is handed to the server,
 * then accepted or refused for good with the server's answer. The unique pair is what keeps two
 * workers, or a restarted job, from mailing anyone twice. Written by the send job with plain SQL
 * (src/alerts/deliveries.ts); admins read.
 */
export const AlertDeliveries = systemCollection({
  slug: 'alert-deliveries',
  labels: { singular: label('Zustellung', 'Delivery'), plural: label('Zustellungen', 'Deliveries') },
  group: 'publishing',
  read: roles(),
  admin: { defaultColumns: ['alert', 'status', 'response', 'at'], hidden: true },
  indexes: [{ fields: ['alert', 'subscription'], unique: true }],
  fields: [
    {
      name: 'alert',
      type: 'relationship',
      relationTo: 'alerts',
      required: true,
      index: true,
      label: label('Benachrichtigung', 'Alert'),
    },
    // The id only: the subscription may be erased, its delivery rows go with it (Subscriptions/forget.ts).
    {
      name: 'subscription',
      type: 'number',
      required: true,
      index: true,
      label: label('Abonnement-ID', 'Subscription id'),
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      enumName: 'delivery_status',
      options: [
        { value: 'sending', label: label('wird versendet', 'sending') },
        { value: 'sent', label: label('angenommen', 'accepted') },
        { value: 'failed', label: label('abgelehnt', 'refused') },
      ],
      label: label('Status', 'Status'),
    },
    { name: 'response', type: 'text', label: label('Antwort des Mailservers', 'Mail server answer') },
    { name: 'at', type: 'date', required: true, label: label('Zeitpunkt', 'At') },
  ],
})
