import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * What a build does is a column of its own instead of being read from its triggers' display labels
 * ('Nachtbuild' made a build full, triggers all 'PDFs' made it a PDF run). Existing records get the
 * mode those labels gave them.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."site_build_mode" AS ENUM('incremental', 'full', 'pdfs');
  ALTER TABLE "site_builds" ADD COLUMN "mode" "site_build_mode" DEFAULT 'incremental';
  UPDATE "site_builds" b SET "mode" = 'full'
    WHERE EXISTS (SELECT 1 FROM "site_builds_triggers" t WHERE t."_parent_id" = b."id" AND t."change" = 'Nachtbuild');
  UPDATE "site_builds" b SET "mode" = 'pdfs'
    WHERE EXISTS (SELECT 1 FROM "site_builds_triggers" t WHERE t."_parent_id" = b."id")
      AND NOT EXISTS (SELECT 1 FROM "site_builds_triggers" t WHERE t."_parent_id" = b."id" AND t."change" IS DISTINCT FROM 'PDFs');`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE "site_builds" DROP COLUMN "mode";
  DROP TYPE "public"."site_build_mode";`)
}
