import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'
import { DOCUMENT_SAVE_LOCKS } from '../db/advisoryLocks.ts'

/**
 * At most one version row per document is marked latest, enforced by the database:
 * 1. existing duplicates (left by parallel autosaves) are repaired: the newest row stays latest;
 * 2. a trigger takes the document's save lock and unmarks the previous latest row before a new one
 *    is inserted (Payload inserts the new row first and unmarks older ones after, which the index
 *    below would refuse, and which let parallel saves each keep theirs);
 * 3. a partial unique index refuses a second latest row, whatever path wrote it.
 */
const tables = {
  _press_releases_v: DOCUMENT_SAVE_LOCKS['press-releases'],
  _milestones_v: DOCUMENT_SAVE_LOCKS.milestones,
  _partners_v: DOCUMENT_SAVE_LOCKS.partners,
  _pages_v: DOCUMENT_SAVE_LOCKS.pages,
}

/** Unmarks every latest row of a document but its newest (by update time, then id). */
export const keepNewestLatest = (table: string) => {
  const t = sql.identifier(table)
  return sql`
    UPDATE ${t} AS v SET latest = false
      WHERE v.latest AND EXISTS (
        SELECT 1 FROM ${t} AS newer
          WHERE newer.parent_id = v.parent_id AND newer.latest
            AND (newer.updated_at, newer.id) > (v.updated_at, v.id))`
}

export async function up({ db }: MigrateUpArgs): Promise<void> {
  for (const [table, namespace] of Object.entries(tables)) {
    const t = sql.identifier(table)
    const fn = sql.identifier(`${table}_one_latest`)
    await db.execute(keepNewestLatest(table))
    await db.execute(sql`
      CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.latest AND NEW.parent_id IS NOT NULL THEN
          PERFORM pg_advisory_xact_lock(${sql.raw(String(namespace))}, NEW.parent_id);
          UPDATE ${t} SET latest = false WHERE parent_id = NEW.parent_id AND latest AND id IS DISTINCT FROM NEW.id;
        END IF;
        RETURN NEW;
      END $$`)
    await db.execute(sql`
      CREATE TRIGGER ${sql.identifier(`${table}_one_latest`)} BEFORE INSERT OR UPDATE OF latest ON ${t}
        FOR EACH ROW EXECUTE FUNCTION ${fn}()`)
    await db.execute(
      sql`CREATE UNIQUE INDEX ${sql.identifier(`${table}_one_latest_idx`)} ON ${t} (parent_id) WHERE latest`,
    )
  }
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  for (const table of Object.keys(tables)) {
    await db.execute(sql`DROP INDEX IF EXISTS ${sql.identifier(`${table}_one_latest_idx`)}`)
    await db.execute(sql`DROP TRIGGER IF EXISTS ${sql.identifier(`${table}_one_latest`)} ON ${sql.identifier(table)}`)
    await db.execute(sql`DROP FUNCTION IF EXISTS ${sql.identifier(`${table}_one_latest`)}()`)
  }
}
