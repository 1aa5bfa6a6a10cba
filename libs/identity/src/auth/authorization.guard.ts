import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { GraphQLResolveInfo } from 'graphql';
import { TenantContext } from '../context/tenant-context';
import { Role } from '../entities';
import { Authenticator } from './authenticator';
import { authorize, Requirements } from './authorization';
import { ALLOW_READ_ONLY_ROLES, IS_PUBLIC, REQUIRED_SCOPES, ROLES } from './decorators';

/**
 * The global guard (APP_GUARD) of every REST route and GraphQL operation: authenticated unless
 * `@Public()`, then `authorize` decides. Sets the tenant context for the rest of the request.
 */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly context: TenantContext,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const type = execution.getType<GqlContextType>();
    if (type !== 'http' && type !== 'graphql') return true;
    const targets = [execution.getHandler(), execution.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const gql = type === 'graphql' ? GqlExecutionContext.create(execution) : undefined;
    const request = gql
      ? gql.getContext<{ req: Request }>().req
      : execution.switchToHttp().getRequest<Request>();
    const principal = await this.authenticator.authenticate(request);
    if (!principal) throw new UnauthorizedException('Sign in to continue');
    this.context.setPrincipal(principal);

    const requirements: Requirements = {
      operation: gql ? gql.getInfo<GraphQLResolveInfo>().operation.operation : 'http',
      roles: this.reflector.getAllAndOverride<Role[]>(ROLES, targets),
      allowReadOnlyRoles: this.reflector.getAllAndOverride<boolean>(ALLOW_READ_ONLY_ROLES, targets),
      scopes: this.reflector.getAllAndOverride<string[]>(REQUIRED_SCOPES, targets),
    };
    authorize(principal, requirements);
    return true;
  }
}
