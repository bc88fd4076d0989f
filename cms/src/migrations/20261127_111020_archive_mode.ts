import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."archive_mode" AS ENUM('auto', 'on', 'off');
  ALTER TYPE "public"."alert_kind" ADD VALUE 'archive';
  ALTER TABLE "site_settings" ADD COLUMN "archive_mode" "archive_mode" DEFAULT 'auto' NOT NULL;
  ALTER TABLE "site_settings" ADD COLUMN "archive_presented_on" timestamp(3) with time zone;
  ALTER TABLE "site_settings" ADD COLUMN "archive_presentation_link" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "alerts" ALTER COLUMN "kind" SET DATA TYPE text;
  DROP TYPE "public"."alert_kind";
  CREATE TYPE "public"."alert_kind" AS ENUM('release', 'correction', 'milestone');
  ALTER TABLE "alerts" ALTER COLUMN "kind" SET DATA TYPE "public"."alert_kind" USING "kind"::"public"."alert_kind";
  ALTER TABLE "site_settings" DROP COLUMN "archive_mode";
  ALTER TABLE "site_settings" DROP COLUMN "archive_presented_on";
  ALTER TABLE "site_settings" DROP COLUMN "archive_presentation_link";
  DROP TYPE "public"."archive_mode";`)
}
