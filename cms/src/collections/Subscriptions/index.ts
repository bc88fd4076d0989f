import { LOCALES, SUBSCRIPTION_TOPICS } from '@masterplan/shared'
import { hasRole, roles } from '../../access/index.ts'
import { labelledOptions } from '../../fields/options.ts'
import { label } from '../../lib/label.ts'
import { systemCollection } from '../system.ts'
import { forgetSubscriber } from './forget.ts'
import { requestEndpoint } from '../../subscriptions/request.ts'
import { confirmEndpoint } from '../../subscriptions/confirm.ts'
import { unsubscribeEndpoints } from '../../subscriptions/unsubscribe.ts'
import { countsEndpoint, exportEndpoint } from '../../subscriptions/counts.ts'

export const topicLabels = {
  'press-releases': label('Medieninformationen', 'Press releases'),
  milestones: label('Meilensteine', 'Milestones'),
} as const

const languageLabels = { de: label('Deutsch', 'German'), en: label('Englisch', 'English') }

/**
 * Confirmed e-mail subscriptions, and nothing else: a request only becomes a row when the reader
 * clicks the link in the confirmation mail (src/subscriptions/). Written by those endpoints only;
 * admins read and delete (data subject requests), the press office sees the counts on the dashboard.
 */
export const Subscriptions = systemCollection({
  slug: 'subscriptions',
  labels: { singular: label('Abonnement', 'Subscription'), plural: label('Abonnements', 'Subscriptions') },
  group: 'administration',
  read: roles(),
  delete: roles(),
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['email', 'topics', 'language', 'confirmedAt'],
    hidden: ({ user }) => !hasRole(user as { role?: 'admin' }, 'admin'),
    description: label(
      'Bestätigte E-Mail-Abonnements (Double-Opt-in). Löschen entfernt die Adresse vollständig; Auskunft: /api/subscriptions/export?email=…',
      'Confirmed e-mail subscriptions (double opt-in). Deleting removes the address completely; access requests: /api/subscriptions/export?email=…',
    ),
  },
  defaultSort: '-confirmedAt',
  hooks: { afterDelete: [forgetSubscriber] },
  endpoints: [requestEndpoint, confirmEndpoint, ...unsubscribeEndpoints, countsEndpoint, exportEndpoint],
  fields: [
    { name: 'email', type: 'email', required: true, unique: true, label: label('E-Mail', 'E-mail') },
    {
      name: 'topics',
      type: 'select',
      hasMany: true,
      required: true,
      enumName: 'subscription_topic',
      options: labelledOptions(SUBSCRIPTION_TOPICS, topicLabels),
      label: label('Themen', 'Topics'),
    },
    {
      name: 'language',
      type: 'select',
      required: true,
      enumName: 'subscription_language',
      options: labelledOptions(LOCALES, languageLabels),
      label: label('Sprache', 'Language'),
    },
    {
      name: 'requestedAt',
      type: 'date',
      required: true,
      label: label('Angefordert', 'Requested'),
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'confirmedAt',
      type: 'date',
      required: true,
      index: true,
      label: label('Bestätigt', 'Confirmed'),
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'consentVersion',
      type: 'text',
      required: true,
      label: label('Version des Einwilligungstexts', 'Consent text version'),
    },
  ],
})
