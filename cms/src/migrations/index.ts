import * as migration_20261124_151632_initial from './20261124_151632_initial';
import * as migration_20261124_155618_publishing_workflow from './20261124_155618_publishing_workflow';
import * as migration_20261124_161030_site_build_job from './20261124_161030_site_build_job';
import * as migration_20261125_085313_backups from './20261125_085313_backups';
import * as migration_20261125_085625_login_failures from './20261125_085625_login_failures';
import * as migration_20261125_111424_subscriptions from './20261125_111424_subscriptions';
import * as migration_20261125_111500_subscription_requests from './20261125_111500_subscription_requests';
import * as migration_20261127_051708_media_storage from './20261127_051708_media_storage';
import * as migration_20261127_111020_archive_mode from './20261127_111020_archive_mode';
import * as migration_20261127_111736_word_import_notes from './20261127_111736_word_import_notes';
import * as migration_20261127_112152_page_review_note from './20261127_112152_page_review_note';
import * as migration_20261127_112401_page_videos from './20261127_112401_page_videos';
import * as migration_20261203_160000_one_latest_version from './20261203_160000_one_latest_version';
import * as migration_20261203_170000_subscription_erasures from './20261203_170000_subscription_erasures';
import * as migration_20261203_194140_press_photo_terms from './20261203_194140_press_photo_terms';
import * as migration_20261203_194725_site_build_mode from './20261203_194725_site_build_mode';

export const migrations = [
  {
    up: migration_20261124_151632_initial.up,
    down: migration_20261124_151632_initial.down,
    name: '20261124_151632_initial',
  },
  {
    up: migration_20261124_155618_publishing_workflow.up,
    down: migration_20261124_155618_publishing_workflow.down,
    name: '20261124_155618_publishing_workflow',
  },
  {
    up: migration_20261124_161030_site_build_job.up,
    down: migration_20261124_161030_site_build_job.down,
    name: '20261124_161030_site_build_job',
  },
  {
    up: migration_20261125_085313_backups.up,
    down: migration_20261125_085313_backups.down,
    name: '20261125_085313_backups',
  },
  {
    up: migration_20261125_085625_login_failures.up,
    down: migration_20261125_085625_login_failures.down,
    name: '20261125_085625_login_failures',
  },
  {
    up: migration_20261125_111424_subscriptions.up,
    down: migration_20261125_111424_subscriptions.down,
    name: '20261125_111424_subscriptions',
  },
  {
    up: migration_20261125_111500_subscription_requests.up,
    down: migration_20261125_111500_subscription_requests.down,
    name: '20261125_111500_subscription_requests',
  },
  {
    up: migration_20261127_051708_media_storage.up,
    down: migration_20261127_051708_media_storage.down,
    name: '20261127_051708_media_storage',
  },
  {
    up: migration_20261127_111020_archive_mode.up,
    down: migration_20261127_111020_archive_mode.down,
    name: '20261127_111020_archive_mode',
  },
  {
    up: migration_20261127_111736_word_import_notes.up,
    down: migration_20261127_111736_word_import_notes.down,
    name: '20261127_111736_word_import_notes',
  },
  {
    up: migration_20261127_112152_page_review_note.up,
    down: migration_20261127_112152_page_review_note.down,
    name: '20261127_112152_page_review_note',
  },
  {
    up: migration_20261127_112401_page_videos.up,
    down: migration_20261127_112401_page_videos.down,
    name: '20261127_112401_page_videos',
  },
  {
    up: migration_20261203_160000_one_latest_version.up,
    down: migration_20261203_160000_one_latest_version.down,
    name: '20261203_160000_one_latest_version',
  },
  {
    up: migration_20261203_170000_subscription_erasures.up,
    down: migration_20261203_170000_subscription_erasures.down,
    name: '20261203_170000_subscription_erasures',
  },
  {
    up: migration_20261203_194140_press_photo_terms.up,
    down: migration_20261203_194140_press_photo_terms.down,
    name: '20261203_194140_press_photo_terms',
  },
  {
    up: migration_20261203_194725_site_build_mode.up,
    down: migration_20261203_194725_site_build_mode.down,
    name: '20261203_194725_site_build_mode'
  },
];
