import { postgresAdapter } from '@payloadcms/db-postgres'
import { de } from '@payloadcms/translations/languages/de'
import { en } from '@payloadcms/translations/languages/en'
import { buildConfig } from 'payload'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { MEDIA_MAX_BYTES } from '@masterplan/shared'
import { AlertDeliveries } from './collections/AlertDeliveries/index.ts'
import { Alerts } from './collections/Alerts/index.ts'
import { AuditLog } from './collections/AuditLog/index.ts'
import { Backups } from './collections/Backups/index.ts'
import { EDITORIAL_SLUGS } from './collections/editorialSlugs.ts'
import { Media } from './collections/Media/index.ts'
import { boundedSharp } from './collections/Media/boundedSharp.ts'
import { mediaStorage } from './collections/Media/storage.ts'
import { Milestones } from './collections/Milestones/index.ts'
import { Pages } from './collections/Pages/index.ts'
import { Partners } from './collections/Partners/index.ts'
import { PressReleases } from './collections/PressReleases/index.ts'
import { SiteBuilds } from './collections/SiteBuilds/index.ts'
import { Subscriptions } from './collections/Subscriptions/index.ts'
import { Users } from './collections/Users/index.ts'
import { adminDateFormats } from './fields/dateFormats.ts'
import { editorialEditor } from './fields/richText.ts'
import { SiteSettings } from './globals/SiteSettings.ts'
import { germanTranslations } from './i18n/de.ts'
import { queryCostRule } from './graphql/queryCost.ts'
import { healthEndpoint } from './health/endpoint.ts'
import { jobs } from './jobs/index.ts'
import { guardPool, poolConfig } from './db/pool.ts'
import { postgres } from './db/postgres.ts'
import { refuseBadInput } from './badInput/plugin.ts'
import { readEnv, runsJobs } from './lib/env.ts'
import { migrations } from './migrations/index.ts'
import { releaseAfterLastBuild } from './alerts/release.ts'
import { installGracefulStop } from './lib/shutdown.ts'
import { emailAdapter } from './mail/adapter.ts'
import { startNightlyBackups } from './backup/nightlyBackup.ts'

const dirname = path.dirname(fileURLToPath(import.meta.url))
const env = readEnv()

export default buildConfig({
  serverURL: env.SERVER_URL,
  secret: env.PAYLOAD_SECRET,

  collections: [
    PressReleases,
    Milestones,
    Partners,
    Pages,
    Media,
    Users,
    Subscriptions,
    Alerts,
    AlertDeliveries,
    SiteBuilds,
    AuditLog,
    Backups,
  ],
  globals: [SiteSettings],
  jobs,
  endpoints: [healthEndpoint],
  // Alerts, subscription confirmations and password resets (src/mail/adapter.ts).
  email: emailAdapter(env),

  localization: {
    locales: [
      { code: 'de', label: 'Deutsch' },
      { code: 'en', label: 'English' },
    ],
    defaultLocale: 'de',
    fallback: true,
  },
  // Payload's German with "Sie" instead of "du" (src/i18n/de.ts).
  i18n: { supportedLanguages: { de, en }, fallbackLanguage: 'de', translations: { de: germanTranslations } },
  admin: {
    user: Users.slug,
    meta: { titleSuffix: ' – Masterplan Südwestsachsen' },
    // Payload's default avatar is a Gravatar image: a request to a third party with a hash of the e-mail.
    avatar: 'default',
    components: { afterDashboard: ['/components/SubscriptionCounts.tsx#SubscriptionCounts'] },
    importMap: { baseDir: dirname },
    livePreview: {
      // Drafts in the site's design, served by the CMS itself to signed-in staff only.
      url: ({ data, collectionConfig, locale }) =>
        `${env.SERVER_URL}/vorschau/${collectionConfig?.slug}/${data?.id}?locale=${locale?.code ?? 'de'}`,
      collections: [...EDITORIAL_SLUGS],
    },
  },

  editor: editorialEditor,
  db: postgresAdapter({
    pool: poolConfig(env.DATABASE_URL),
    // The schema changes only through committed migrations, never through dev push.
    push: false,
    migrationDir: path.join(dirname, 'migrations'),
    prodMigrations: migrations,
  }),
  sharp: boundedSharp,
  upload: { limits: { fileSize: MEDIA_MAX_BYTES } },
  graphQL: {
    disablePlaygroundInProduction: true,
    // Every aliased list query at its real cost: a database query plus its fields once per row.
    validationRules: (args) => [queryCostRule(args.variableValues)],
  },
  typescript: { outputFile: path.join(dirname, 'payload-types.ts') },
  telemetry: false,
  // Without options Payload logs readable lines; pino's own output is one JSON object per line.
  logger:
    env.LOG_FORMAT === 'json'
      ? { options: { level: 'info', timestamp: () => `,"time":"${new Date().toISOString()}"` } }
      : undefined,
  // Bad client input answers 4xx naming the field, not 500 (see src/badInput/).
  // Media storage first: its file handler must come before refuseBadInput's, which answers 404 for files not in MEDIA_DIR.
  plugins: [mediaStorage(env), refuseBadInput, adminDateFormats],
  onInit: async (payload) => {
    guardPool(postgres(payload).pool, (message) => payload.logger.warn(message))
    // A server or worker stopped with SIGTERM finishes what it tracks first (NEXT_MANUAL_SIG_HANDLE).
    installGracefulStop((message) => payload.logger.info(message))
    // Only where the job queues run (a CMS server or worker), never in scripts or tests.
    if (runsJobs()) {
      startNightlyBackups(payload)
      await releaseAfterLastBuild(payload).catch((err: unknown) =>
        payload.logger.error({ err, msg: 'releasing waiting alerts failed' }),
      )
    }
  },
})
