import { CanActivate, ExecutionContext, Injectable, Type, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { GraphQLResolveInfo } from 'graphql';
import { TenantContext } from '../context/tenant-context';
import { Authenticator } from './authenticator';
import { authorize, Requirements } from './authorization';
import { ACCESS_METADATA, ALLOW_READ_ONLY_ROLES, API_KEY_SCOPES, IS_PUBLIC, MEMBERS } from './decorators';

/** What a handler declares about its callers. */
export interface DeclaredAccess {
  isPublic: boolean;
  requirements: Omit<Requirements, 'operation'>;
}

/**
 * The global guard (APP_GUARD) of every REST route and GraphQL operation: authenticated unless
 * `@Public()`, then `authorize` decides from the access the handler declares (or, when it declares
 * none, its class). Sets the tenant context for the rest of the request.
 */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  /** By class, then handler: a handler inherited by two classes may fall back to either's access. */
  private readonly declared = new WeakMap<object, WeakMap<object, DeclaredAccess>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly context: TenantContext,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const type = execution.getType<GqlContextType>();
    if (type !== 'http' && type !== 'graphql') return true;
    const access = this.accessOf(execution);
    if (access.isPublic) return true;

    const gql = type === 'graphql' ? GqlExecutionContext.create(execution) : undefined;
    const request = gql
      ? gql.getContext<{ req: Request }>().req
      : execution.switchToHttp().getRequest<Request>();
    const principal = await this.authenticator.authenticate(request);
    if (!principal) throw new UnauthorizedException('Sign in to continue');
    this.context.setPrincipal(principal);

    authorize(principal, {
      operation: gql ? gql.getInfo<GraphQLResolveInfo>().operation.operation : 'http',
      ...access.requirements,
    });
    return true;
  }

  /** What the handler declares, read once per handler. */
  private accessOf(execution: ExecutionContext): DeclaredAccess {
    const handler = execution.getHandler();
    const type = execution.getClass();
    let ofClass = this.declared.get(type);
    if (!ofClass) this.declared.set(type, (ofClass = new WeakMap()));
    let access = ofClass.get(handler);
    if (!access) ofClass.set(handler, (access = declaredAccess(this.reflector, handler, type)));
    return access;
  }
}

/** The handler's access when it declares who may call it, else its class's: the two never mix. */
export function declaredAccess(reflector: Reflector, handler: Function, type: Type): DeclaredAccess {
  const declares = ACCESS_METADATA.some((key) => reflector.get(key, handler) !== undefined);
  const from = declares ? handler : type;
  return {
    isPublic: reflector.get<boolean>(IS_PUBLIC, from) === true,
    requirements: {
      members: reflector.get<Requirements['members']>(MEMBERS, from),
      allowReadOnlyRoles: reflector.getAllAndOverride<boolean>(ALLOW_READ_ONLY_ROLES, [handler, type]),
      scopes: reflector.get<string[]>(API_KEY_SCOPES, from),
    },
  };
}
