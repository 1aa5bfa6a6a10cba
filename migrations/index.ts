import { Init1764082800000 } from './1764082800000-Init';

/** Every migration, oldest first. */
export const migrations = [
  Init1764082800000,
];
