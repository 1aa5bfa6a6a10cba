import { createParamDecorator } from '@nestjs/common';
import { TenantContext } from '../context/tenant-context';

/** The signed-in member (FORBIDDEN for an API key). */
export const CurrentMember = createParamDecorator(() => TenantContext.current().currentMember());
