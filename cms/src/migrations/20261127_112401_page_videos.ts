import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "pages_videos" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"video_id" integer,
  	"captions_id" integer
  );
  
  CREATE TABLE "pages_videos_locales" (
  	"title" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" varchar NOT NULL
  );
  
  CREATE TABLE "_pages_v_version_videos" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"video_id" integer,
  	"captions_id" integer,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_pages_v_version_videos_locales" (
  	"title" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  ALTER TABLE "pages_videos" ADD CONSTRAINT "pages_videos_video_id_media_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "pages_videos" ADD CONSTRAINT "pages_videos_captions_id_media_id_fk" FOREIGN KEY ("captions_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "pages_videos" ADD CONSTRAINT "pages_videos_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."pages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "pages_videos_locales" ADD CONSTRAINT "pages_videos_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."pages_videos"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_pages_v_version_videos" ADD CONSTRAINT "_pages_v_version_videos_video_id_media_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_pages_v_version_videos" ADD CONSTRAINT "_pages_v_version_videos_captions_id_media_id_fk" FOREIGN KEY ("captions_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_pages_v_version_videos" ADD CONSTRAINT "_pages_v_version_videos_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_pages_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_pages_v_version_videos_locales" ADD CONSTRAINT "_pages_v_version_videos_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_pages_v_version_videos"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "pages_videos_order_idx" ON "pages_videos" USING btree ("_order");
  CREATE INDEX "pages_videos_parent_id_idx" ON "pages_videos" USING btree ("_parent_id");
  CREATE INDEX "pages_videos_video_idx" ON "pages_videos" USING btree ("video_id");
  CREATE INDEX "pages_videos_captions_idx" ON "pages_videos" USING btree ("captions_id");
  CREATE UNIQUE INDEX "pages_videos_locales_locale_parent_id_unique" ON "pages_videos_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "_pages_v_version_videos_order_idx" ON "_pages_v_version_videos" USING btree ("_order");
  CREATE INDEX "_pages_v_version_videos_parent_id_idx" ON "_pages_v_version_videos" USING btree ("_parent_id");
  CREATE INDEX "_pages_v_version_videos_video_idx" ON "_pages_v_version_videos" USING btree ("video_id");
  CREATE INDEX "_pages_v_version_videos_captions_idx" ON "_pages_v_version_videos" USING btree ("captions_id");
  CREATE UNIQUE INDEX "_pages_v_version_videos_locales_locale_parent_id_unique" ON "_pages_v_version_videos_locales" USING btree ("_locale","_parent_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "pages_videos" CASCADE;
  DROP TABLE "pages_videos_locales" CASCADE;
  DROP TABLE "_pages_v_version_videos" CASCADE;
  DROP TABLE "_pages_v_version_videos_locales" CASCADE;`)
}
