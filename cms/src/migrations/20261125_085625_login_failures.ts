import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Failed logins per client for the login limit (src/auth/throttle.ts), shared by every CMS
 * instance. A plain table, not a collection: nothing reads it but that one query, it has no admin
 * view, API or types, and Payload's schema snapshot (the .json files) stays as it is, so this
 * migration has none.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TABLE "login_failures" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"client" varchar NOT NULL,
  	"at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  CREATE INDEX "login_failures_client_at_idx" ON "login_failures" USING btree ("client", "at");
  CREATE INDEX "login_failures_at_idx" ON "login_failures" USING btree ("at");`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TABLE "login_failures";`)
}
