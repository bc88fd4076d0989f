/**
 * Every PostgreSQL advisory lock the CMS takes, in one place, so that no two uses can pick the same
 * key by accident. Single keys (one bigint) and pairs (two int4) are separate key spaces in
 * PostgreSQL; the pairs are (namespace, document id).
 */

/** One site build at a time across all runners (a session lock, siteBuild/lock.ts). */
export const SITE_BUILD_LOCK = 0x5157_5300
/** Runners checking whether the night's build is due take turns (siteBuild/nightlyBuild.ts). */
export const NIGHTLY_LOCK = 0x5157_4e00
/** Runners checking whether the archive's last message is due take turns (archiveMode/lastMessage.ts). */
export const LAST_MESSAGE_LOCK = 0x5157_4e01

/**
 * The namespace of a versioned collection's per-document save lock: saves of one document run one
 * after another, so exactly one of its versions is the latest. The migration
 * 20261203_160000_one_latest_version bakes these numbers into its triggers: never renumber them.
 */
export const DOCUMENT_SAVE_LOCKS = {
  'press-releases': 0x5157_0001,
  milestones: 0x5157_0002,
  partners: 0x5157_0003,
  pages: 0x5157_0004,
} as const
