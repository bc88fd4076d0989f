import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { dataDir } from './paths.ts'

const schema = z
  .object({
    /** A real PostgreSQL server; without it `pnpm start` runs an embedded one. */
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    /** Signs sessions; generated once and kept in `.data/` when the start script runs locally. */
    PAYLOAD_SECRET: z.string().min(32, 'must be at least 32 characters'),
    /** Public origin of the CMS (admin links, media URLs). */
    SERVER_URL: z.url().default('http://localhost:3000'),
    /**
     * A reverse proxy in front writes the client's address into X-Forwarded-For. Only then does the
     * login limit count per client address (src/auth/clientKey.ts); without, anyone could forge it.
     */
    TRUST_PROXY: z.stringbool().default(false),
    /** Where uploads are stored on disk (when S3_BUCKET is not set). */
    MEDIA_DIR: z.string().default(path.join(dataDir, 'media')),
    /** An S3-compatible object store: uploads go to S3_BUCKET, the `s3` site target to SITE_S3_BUCKET. */
    S3_BUCKET: z.string().min(3).optional(),
    S3_ENDPOINT: z.url().optional(),
    S3_REGION: z.string().default('eu-central-1'),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    /** Addresses buckets as <endpoint>/<bucket>/… (most self-hosted stores) instead of <bucket>.<endpoint>. */
    S3_FORCE_PATH_STYLE: z.stringbool().default(false),
    /**
     * Where a publish goes: build the site here (`local`), build here and upload it to SITE_S3_BUCKET
     * (`s3`), call a host's build (`deploy-hook`), or nowhere.
     */
    SITE_BUILD_TARGET: z.enum(['local', 's3', 'deploy-hook', 'none']).default('none'),
    SITE_S3_BUCKET: z.string().min(3).optional(),
    /** Called (POST, JSON `{ "paths": [...] }`) with every path the `s3` target changed or deleted. */
    CDN_PURGE_URL: z.url().optional(),
    /**
     * Whether this process runs the job queues (scheduled publishing, site builds, alerts, backups).
     * With several CMS instances, set it to false on them and run `pnpm worker` instead (or keep it
     * on everywhere: each job still runs once).
     */
    JOBS_AUTORUN: z.stringbool().default(true),
    /** The local target builds into `<dir>/builds/…` and serves `<dir>/live`. */
    SITE_TARGET_DIR: z.string().default(path.join(dataDir, 'site')),
    /** Public origin of the site (canonical links); also handed to the local build. */
    SITE_URL: z.url().default('http://localhost:4321'),
    SITE_DEPLOY_HOOK_URL: z.url().optional(),
    /**
     * A host that builds the site itself reports the result to POST /api/site-builds/<id>/deployed
     * with this bearer secret; only then is the build "live" (and e-mail alerts go out).
     */
    SITE_DEPLOY_CALLBACK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /**
     * Outgoing mail (alerts, confirmations, password resets), e.g. smtp://user:pass@mail.example.de:587
     * or smtps://…:465. Without it mails are only written to the log; `pnpm start` sets it to its
     * local sink (scripts/mail-sink.ts).
     */
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    /** Sender of every mail: an address of the publisher, e.g. presse@masterplan-suedwestsachsen.de. */
    MAIL_FROM: z.email().default('presse@masterplan-suedwestsachsen.de'),
    /** Alert mails handed to the mail server per second, at most (over a pool of MAIL_CONNECTIONS). */
    MAIL_RATE_PER_SECOND: z.coerce.number().int().positive().default(50),
    MAIL_CONNECTIONS: z.coerce.number().int().positive().max(20).default(4),
    /**
     * Whether builds that leave release pages without their PDF queue a build that prints them
     * (with Chromium, CHROME_PATH); off, the pages go without a PDF.
     */
    SITE_PDFS: z.stringbool().default(true),
    /** A build queued while another runs waits this long for further saves, which join it (siteBuild/queue.ts). */
    SITE_BUILD_DEBOUNCE_MS: z.coerce.number().int().nonnegative().default(3000),
    /** `json`: one JSON object per line (for a log collector); `pretty`: readable lines for a terminal. */
    LOG_FORMAT: z.enum(['pretty', 'json']).default('pretty'),
    /**
     * A job whose runner has not touched it for this long is given to another runner
     * (src/jobs/leases.ts); several heartbeats fit into one lease.
     */
    JOB_LEASE_MS: z.coerce
      .number()
      .int()
      .min(1_000, 'must be a whole number of milliseconds, at least 1000')
      .default(120_000),
    /** `nightly` lets the CMS write a backup once a night; anything else leaves it to the operator. */
    BACKUP_SCHEDULE: z.enum(['off', 'nightly']).default('off'),
    BACKUP_DIR: z.string().default(path.join(dataDir, 'backups')),
    /** How many nightly archives stay; archives made by hand are never deleted. */
    BACKUP_KEEP: z.coerce.number().int().min(1).default(7),
    /** The hour (Europe/Berlin) from which the nightly backup is due: after the nightly site build. */
    BACKUP_HOUR: z.coerce.number().int().min(0).max(23).default(3),
    /** A folder with pg_dump and pg_restore to prefer over those on PATH. */
    PG_BIN_DIR: z.string().optional(),
    /** Recorded in every backup (src/backup/appInfo.ts); without GIT_COMMIT, git is asked. */
    GIT_COMMIT: z.string().optional(),
    APP_VERSION: z.string().optional(),
    /** Set by scripts/start.ts: Next.js then leaves SIGTERM/SIGINT to src/lib/shutdown.ts. */
    NEXT_MANUAL_SIG_HANDLE: z.stringbool().default(false),
  })
  .refine((env) => env.SITE_BUILD_TARGET !== 's3' || env.SITE_S3_BUCKET, {
    message: 'SITE_S3_BUCKET is required when SITE_BUILD_TARGET is s3',
    path: ['SITE_S3_BUCKET'],
  })
  .refine(
    (env) => !(env.S3_BUCKET || env.SITE_BUILD_TARGET === 's3') || (env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY),
    {
      message: 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are required with S3_BUCKET or SITE_BUILD_TARGET=s3',
      path: ['S3_ACCESS_KEY_ID'],
    },
  )
  .refine((env) => env.SITE_BUILD_TARGET !== 'deploy-hook' || env.SITE_DEPLOY_HOOK_URL, {
    message: 'SITE_DEPLOY_HOOK_URL is required when SITE_BUILD_TARGET is deploy-hook',
    path: ['SITE_DEPLOY_HOOK_URL'],
  })
  .refine((env) => env.SITE_BUILD_TARGET !== 'deploy-hook' || env.SITE_DEPLOY_CALLBACK_SECRET, {
    message:
      'SITE_DEPLOY_CALLBACK_SECRET is required when SITE_BUILD_TARGET is deploy-hook (the host reports success with it)',
    path: ['SITE_DEPLOY_CALLBACK_SECRET'],
  })

export type Env = z.infer<typeof schema>

type Source = Record<string, string | undefined>

/** The secret `pnpm start` generates when none is set (scripts/local-env.ts). */
export const GENERATED_SECRET_FILE = path.join(dataDir, 'payload-secret')

/** Words of example configurations and tutorials; a secret containing one was typed, not generated. */
const PLACEHOLDERS = [
  'secret',
  'changeme',
  'change-me',
  'change_me',
  'password',
  'passwort',
  'example',
  'placeholder',
  'default',
  'dummy',
  'sample',
  'insecure',
  'test-',
  'test_',
]

/** Why a secret could be guessed, or null. Generous to real random strings: 32 hex characters pass. */
export function weakSecretProblem(secret: string): string | null {
  const lower = secret.toLowerCase()
  const placeholder = PLACEHOLDERS.find((word) => lower.includes(word))
  if (placeholder) return `enthält '${placeholder}' wie ein Platzhalter / contains '${placeholder}', like a placeholder`
  for (let period = 1; period <= secret.length / 2; period++) {
    if ([...secret].every((char, i) => i < period || char === secret[i - period]))
      return 'wiederholt ein kurzes Muster / repeats a short pattern'
  }
  const counts = new Map<string, number>()
  for (const char of secret) counts.set(char, (counts.get(char) ?? 0) + 1)
  // Estimated bits: 32 random hex characters come to 85 or more (checked over 200,000 of them).
  const bits = [...counts.values()].reduce((sum, n) => sum - n * Math.log2(n / secret.length), 0)
  if (counts.size < 6 || bits < 64) return 'zu wenige verschiedene Zeichen / too few different characters'
  return null
}

/**
 * The embedded PostgreSQL of `pnpm start` (src/db/embedded-postgres.ts): fixed local credentials on
 * this machine. Its generated secret is fine there; it only has to stay out of real deployments.
 */
const isEmbeddedDatabase = (url: string) => {
  if (!URL.canParse(url)) return false
  const { hostname, username, password } = new URL(url)
  return (
    ['127.0.0.1', 'localhost', '[::1]'].includes(hostname) &&
    username === 'masterplan' &&
    password === 'masterplan-local'
  )
}

/**
 * A production server against a real database must not sign sessions with a secret that can be
 * guessed, or with the development secret `pnpm start` wrote into `.data/` (a copy of the working
 * tree, a backup, a colleague's laptop: whoever has it can sign in as anyone). That secret is
 * recognised by its content; the check costs one file read at start-up.
 */
function productionSecretProblem(source: Source, generatedSecretFile: string): string | null {
  const secret = source.PAYLOAD_SECRET
  if (source.NODE_ENV !== 'production' || !source.DATABASE_URL || !secret || secret.length < 32) return null
  const weak = weakSecretProblem(secret)
  if (weak) return `ist zu schwach für den Betrieb / is too weak for production: ${weak}`
  if (
    !isEmbeddedDatabase(source.DATABASE_URL) &&
    existsSync(generatedSecretFile) &&
    readFileSync(generatedSecretFile, 'utf8').trim() === secret
  ) {
    return `ist der von \`pnpm start\` erzeugte Entwicklungsschlüssel / is the development secret \`pnpm start\` generated (${generatedSecretFile})`
  }
  return null
}

/** What next.config.ts needs; read without the rest, since `next build` runs without secrets. */
export function readBuildEnv(source: Source = process.env) {
  return z
    .object({
      SERVER_URL: schema.shape.SERVER_URL,
      NEXT_DIST_DIR: z.string().default('.next'),
      NODE_ENV: z.string().optional(),
    })
    .parse(source)
}

/**
 * Whether this process runs the job queues: decided once at boot (src/instrumentation.ts,
 * scripts/worker.ts) and kept in the process's environment, because Next.js loads the boot hook and
 * the routes as separate bundles that share no module state.
 */
export const runsJobs = (): boolean => process.env.CMS_RUN_JOBS === 'true'
export function decideRunsJobs(value: boolean): void {
  process.env.CMS_RUN_JOBS = String(value)
}

/** The variables the CMS reads, besides the schema's: the production check also looks at these. */
const KEYS = [...Object.keys(schema.shape), 'NODE_ENV']
let last: { key: string; secretFile: string; env: Env } | undefined

/**
 * Reads the environment and fails with every problem named, instead of a cryptic crash later.
 * Validated once per distinct set of values: the many callers (hooks, jobs, endpoints) only compare
 * strings, and the secret check reads its file once, not on every request.
 */
export function readEnv(source: Source = process.env, { generatedSecretFile = GENERATED_SECRET_FILE } = {}): Env {
  const key = KEYS.map((name) => source[name] ?? '\u0000').join('\u0001')
  if (last?.key === key && last.secretFile === generatedSecretFile) return last.env
  const result = schema.safeParse(source)
  const problems = result.success ? [] : result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
  const secretProblem = productionSecretProblem(source, generatedSecretFile)
  if (secretProblem) {
    problems.push(`  PAYLOAD_SECRET: ${secretProblem}. Einen neuen erzeugen / generate a new one: openssl rand -hex 32`)
  }
  if (!result.success || secretProblem) throw new Error(`The CMS environment is not usable:\n${problems.join('\n')}`)
  last = { key, secretFile: generatedSecretFile, env: result.data }
  return result.data
}
