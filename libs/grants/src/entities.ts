import { AccessGrantChange } from './grants/grant-change.entity';
import { AccessGrant } from './grants/access-grant.entity';

export { AccessGrant, AccessGrantChange };

/** Every table the grants context owns. */
export const GRANTS_ENTITIES = [AccessGrant, AccessGrantChange];
