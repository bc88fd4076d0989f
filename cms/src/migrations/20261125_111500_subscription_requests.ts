import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Confirmation mails requested per address and client in the last hour (src/subscriptions/limits.ts).
 * A plain table like login_failures: HMAC'd keys only, no collection, no schema snapshot.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TABLE "subscription_requests" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  CREATE INDEX "subscription_requests_key_at_idx" ON "subscription_requests" USING btree ("key", "at");
  CREATE INDEX "subscription_requests_at_idx" ON "subscription_requests" USING btree ("at");`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TABLE "subscription_requests";`)
}
