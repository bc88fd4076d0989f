import type { GlobalConfig } from 'payload'
import { PROCESS_WINDOW } from '@masterplan/shared'
import { adminOnlyField } from '../access/adminOnlyField.ts'
import { anyone, roles } from '../access/index.ts'
import { validateLinkTarget } from '../fields/url.ts'
import { label } from '../lib/label.ts'
import { afterSettingsChange } from '../publishing/hooks.ts'

const linkFields = [
  { name: 'label', type: 'text', required: true, localized: true, label: label('Beschriftung', 'Label') },
  // The site puts the target into every page's navigation or footer as it is.
  {
    name: 'href',
    type: 'text',
    required: true,
    label: label('Ziel (z. B. /zeitplan/)', 'Target (e.g. /zeitplan/)'),
    validate: validateLinkTarget,
  },
] as const

/**
 * Who changes what. Editors keep the site's everyday texts: navigation, footer and, for the archive
 * notice, when and where the Masterplan was presented. Admins alone change what speaks for the
 * publisher or cannot be taken back: the site's name (in every page and mail), the legal details
 * (imprint, § 18 MStV), archive mode (a last message to every subscriber, then no more alerts) and
 * the process window, whose end switches archive mode on by itself.
 */
const adminOnly = (path: string[], de: string, en: string) => ({ update: adminOnlyField(path, { de, en }) })

export const SiteSettings: GlobalConfig = {
  slug: 'site-settings',
  label: label('Website-Einstellungen', 'Site settings'),
  admin: {
    group: label('Verwaltung', 'Administration'),
    description: label(
      'Name, Prozesszeitraum, Archivmodus und rechtliche Angaben ändern nur Administratoren.',
      'Only administrators change the name, the process window, archive mode and the legal details.',
    ),
  },
  access: { read: anyone, update: roles('editor') },
  hooks: { afterChange: [afterSettingsChange] },
  fields: [
    {
      name: 'siteName',
      type: 'text',
      required: true,
      localized: true,
      defaultValue: 'Masterplan Südwestsachsen',
      label: label('Name der Website', 'Site name'),
      access: adminOnly(['siteName'], 'Name der Website', 'site name'),
    },
    {
      name: 'processWindow',
      type: 'group',
      label: label('Prozesszeitraum', 'Process window'),
      access: adminOnly(['processWindow'], 'Prozesszeitraum', 'process window'),
      admin: {
        description: label('Meilensteine müssen in diesem Zeitraum liegen.', 'Milestones must lie within this window.'),
      },
      fields: [
        {
          name: 'start',
          type: 'date',
          required: true,
          defaultValue: PROCESS_WINDOW.start,
          label: label('Beginn', 'Start'),
        },
        { name: 'end', type: 'date', required: true, defaultValue: PROCESS_WINDOW.end, label: label('Ende', 'End') },
      ],
    },
    {
      name: 'archive',
      type: 'group',
      label: label('Archivmodus', 'Archive mode'),
      admin: {
        description: label(
          'Nach dem Prozess bleibt die Website als Archiv online: ein Hinweis auf jeder Seite, der Zeitplan im Endstand, keine neuen Abonnements; bestehende Abonnenten erhalten eine letzte Nachricht. Alle Adressen bleiben erhalten, Korrekturen sind weiter möglich.',
          'After the process the site stays online as a record: a notice on every page, the timeline in its final state, no new subscriptions; subscribers get one last message. Every address stays; corrections remain possible.',
        ),
      },
      fields: [
        {
          name: 'mode',
          type: 'select',
          required: true,
          defaultValue: 'auto',
          enumName: 'archive_mode',
          options: [
            {
              value: 'auto',
              label: label('automatisch nach dem Prozessende', 'automatically after the end of the process'),
            },
            { value: 'on', label: label('an', 'on') },
            { value: 'off', label: label('aus', 'off') },
          ],
          label: label('Archivmodus', 'Archive mode'),
          access: adminOnly(['archive', 'mode'], 'Archivmodus', 'archive mode'),
        },
        { name: 'presentedOn', type: 'date', label: label('Masterplan vorgestellt am', 'Masterplan presented on') },
        {
          name: 'presentationLink',
          type: 'text',
          label: label('Link zur Vorstellung (z. B. /aktuelles/…/)', 'Link to the presentation (e.g. /aktuelles/…/)'),
          validate: validateLinkTarget,
        },
      ],
    },
    {
      name: 'navigation',
      type: 'array',
      label: label('Hauptnavigation', 'Main navigation'),
      labels: { singular: label('Menüpunkt', 'Menu item'), plural: label('Menüpunkte', 'Menu items') },
      fields: [...linkFields],
    },
    {
      name: 'footer',
      type: 'group',
      label: label('Fußzeile', 'Footer'),
      fields: [
        { name: 'text', type: 'textarea', localized: true, label: label('Text', 'Text') },
        {
          name: 'links',
          type: 'array',
          label: label('Links', 'Links'),
          labels: { singular: label('Link', 'Link'), plural: label('Links', 'Links') },
          fields: [...linkFields],
        },
      ],
    },
    {
      name: 'legal',
      type: 'group',
      label: label('Rechtliche Angaben', 'Legal details'),
      access: adminOnly(['legal'], 'Rechtliche Angaben', 'legal details'),
      fields: [
        { name: 'publisher', type: 'text', required: true, label: label('Herausgeber', 'Publisher') },
        { name: 'address', type: 'textarea', required: true, label: label('Anschrift', 'Address') },
        { name: 'email', type: 'email', required: true, label: label('E-Mail', 'E-mail') },
        { name: 'phone', type: 'text', label: label('Telefon', 'Phone') },
        {
          name: 'responsiblePerson',
          type: 'text',
          required: true,
          label: label('Verantwortlich nach § 18 Abs. 2 MStV', 'Responsible under § 18 (2) MStV'),
        },
        {
          name: 'responsibleAddress',
          type: 'textarea',
          label: label('Anschrift der verantwortlichen Person', 'Address of the responsible person'),
        },
        {
          name: 'accessibilityContactEmail',
          type: 'email',
          required: true,
          label: label('Kontakt für Barrierefreiheits-Rückmeldungen', 'Accessibility feedback contact'),
        },
      ],
    },
  ],
}
