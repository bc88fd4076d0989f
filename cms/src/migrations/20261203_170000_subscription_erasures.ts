import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * When an address was last unsubscribed or erased (src/subscriptions/erasures.ts), so that older
 * confirmation links cannot subscribe it again. A plain table like subscription_requests: HMAC'd
 * keys only, no collection, no schema snapshot.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TABLE "subscription_erasures" (
  	"key" varchar PRIMARY KEY NOT NULL,
  	"at" timestamp(3) with time zone NOT NULL
  );
  CREATE INDEX "subscription_erasures_at_idx" ON "subscription_erasures" USING btree ("at");`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TABLE "subscription_erasures";`)
}
