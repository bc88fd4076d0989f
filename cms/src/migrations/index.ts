import * as migration_20261124_151632_initial from './20261124_151632_initial';

export const migrations = [
  {
    up: migration_20261124_151632_initial.up,
    down: migration_20261124_151632_initial.down,
    name: '20261124_151632_initial'
  },
];
