import { Init1764082800000 } from './1764082800000-Init';
import { IdentityAndTenancy1795619533890 } from './1795619533890-IdentityAndTenancy';
import { CrmCore1795620818665 } from './1795620818665-CrmCore';
import { SignInThrottle1795621055523 } from './1795621055523-SignInThrottle';
import { UsageTelemetry1795622400000 } from './1795622400000-UsageTelemetry';

/** Every migration, oldest first. */
export const migrations = [
  Init1764082800000,
  IdentityAndTenancy1795619533890,
  CrmCore1795620818665,
  SignInThrottle1795621055523,
  UsageTelemetry1795622400000,
];
