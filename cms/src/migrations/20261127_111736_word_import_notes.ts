import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "press_releases" ADD COLUMN "import_notes" varchar;
  ALTER TABLE "_press_releases_v" ADD COLUMN "version_import_notes" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "press_releases" DROP COLUMN "import_notes";
  ALTER TABLE "_press_releases_v" DROP COLUMN "version_import_notes";`)
}
