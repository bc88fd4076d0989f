import { z } from 'zod'

export const MANIFEST = 'manifest.json'
/** The manifest's own checksum, so a damaged manifest is caught like any other file. */
export const MANIFEST_SUM = 'manifest.sha256'
export const FORMAT = 'masterplan-backup'
export const FORMAT_VERSION = 1
export const MEDIA_PREFIX = 'media/'

const file = z.object({
  path: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
})

export const manifestSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.number().int(),
  createdAt: z.string(),
  app: z.object({ commit: z.string().nullable(), version: z.string().nullable() }),
  postgres: z.object({ serverVersion: z.string(), serverMajor: z.number().int() }),
  database: z.discriminatedUnion('format', [
    z.object({
      format: z.literal('pg_dump-custom'),
      file: z.string(),
      tool: z.string(),
      toolVersion: z.string(),
      toolMajor: z.number().int(),
    }),
    z.object({ format: z.literal('json-rows'), file: z.string(), tables: z.number().int(), rows: z.number().int() }),
  ]),
  migration: z.string().nullable(),
  counts: z.record(z.string(), z.object({ documents: z.number().int(), versions: z.number().int().optional() })),
  media: z.object({ files: z.number().int(), bytes: z.number().int() }),
  files: z.array(file),
})

export type Manifest = z.infer<typeof manifestSchema>
export type ArchiveFile = z.infer<typeof file>
