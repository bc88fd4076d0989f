import type pg from 'pg'
import type { bootPayload, MailSink, TestCms } from '@masterplan/cms/testing'

/** What every scenario works with: one CMS, its database and mail sink for the whole run, and one report. */
export type Bench = {
  quick: boolean
  cms: TestCms
  db: pg.Client
  sink: MailSink
  /** A throwaway folder for the builds' targets, caches and dumps, removed at the end. */
  work: string
  /** Where the CMS's own builds publish (its `local` target) and the port and URL it was told (SITE_URL). */
  site: { dir: string; port: number; url: string }
  localApi: () => ReturnType<typeof bootPayload>
  /** Prints a table and keeps it for the results file. */
  print: (text: string) => void
  progress: (text: string) => void
  /** The figures written to bench/results/<timestamp>.json, under one key per scenario. */
  results: Record<string, unknown>
}
