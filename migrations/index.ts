import { Init1764082800000 } from './1764082800000-Init';
import { IdentityAndTenancy1795619533890 } from './1795619533890-IdentityAndTenancy';

/** Every migration, oldest first. */
export const migrations = [
  Init1764082800000,
  IdentityAndTenancy1795619533890,
];
