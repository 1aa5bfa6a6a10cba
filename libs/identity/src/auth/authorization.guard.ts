import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { GraphQLResolveInfo } from 'graphql';
import { TenantContext } from '../context/tenant-context';
import { Authenticator } from './authenticator';
import { authorize, Requirements } from './authorization';
import { ACCESS_METADATA, ALLOW_READ_ONLY_ROLES, API_KEY_SCOPES, IS_PUBLIC, MEMBERS } from './decorators';

/**
 * The global guard (APP_GUARD) of every REST route and GraphQL operation: authenticated unless
 * `@Public()`, then `authorize` decides from the access the handler declares (or, when it declares
 * none, its class). Sets the tenant context for the rest of the request.
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
    const access = this.accessDeclaredBy(execution);
    if (this.reflector.get<boolean>(IS_PUBLIC, access)) return true;

    const gql = type === 'graphql' ? GqlExecutionContext.create(execution) : undefined;
    const request = gql
      ? gql.getContext<{ req: Request }>().req
      : execution.switchToHttp().getRequest<Request>();
    const principal = await this.authenticator.authenticate(request);
    if (!principal) throw new UnauthorizedException('Sign in to continue');
    this.context.setPrincipal(principal);

    const requirements: Requirements = {
      operation: gql ? gql.getInfo<GraphQLResolveInfo>().operation.operation : 'http',
      members: this.reflector.get<Requirements['members']>(MEMBERS, access),
      allowReadOnlyRoles: this.reflector.getAllAndOverride<boolean>(ALLOW_READ_ONLY_ROLES, [
        execution.getHandler(),
        execution.getClass(),
      ]),
      scopes: this.reflector.get<string[]>(API_KEY_SCOPES, access),
    };
    authorize(principal, requirements);
    return true;
  }

  /** The handler when it declares who may call it, else its class: the two never mix. */
  private accessDeclaredBy(execution: ExecutionContext) {
    const handler = execution.getHandler();
    const declares = ACCESS_METADATA.some((key) => this.reflector.get(key, handler) !== undefined);
    return declares ? handler : execution.getClass();
  }
}
