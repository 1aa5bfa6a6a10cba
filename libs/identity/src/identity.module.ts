import { AppConfig } from '@greenlight/config';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { getOptionsToken, getStorageToken } from '@nestjs/throttler';
import { ClsService, ClsServiceManager } from 'nestjs-cls';
import { createSecretKey } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApiKeyResolver } from './api-keys/api-key.resolver';
import { ApiKeyService } from './api-keys/api-key.service';
import { AuditResolver } from './audit/audit.resolver';
import { AuditService } from './audit/audit.service';
import { Outbox } from './outbox/outbox';
import { Authenticator } from './auth/authenticator';
import { AuthorizationGuard } from './auth/authorization.guard';
import { SessionMemory } from './auth/session-memory';
import { TenantContext } from './context/tenant-context';
import { WorkspaceScope } from './context/workspace-scoped.repository';
import { TenantSql } from './sql/tenant-sql';
import { InvitationResolver } from './invitations/invitation.resolver';
import { InvitationService } from './invitations/invitation.service';
import { IdentityLoaders } from './loaders/identity.loaders';
import { MemberResolver } from './members/member.resolver';
import { MemberService } from './members/member.service';
import { PasswordService } from './passwords/password.service';
import { UserAccountService } from './sessions/user-account.service';
import { MeResolver, SessionResolver } from './sessions/session.resolver';
import { SessionService } from './sessions/session.service';
import {
  FailedAttemptGuard,
  FailedAttemptInterceptor,
  failedAttemptOptions,
} from './throttling/failed-attempts';
import { PostgresThrottlerStorage } from './throttling/postgres-throttler.storage';
import { AccessTokenService } from './tokens/access-token.service';
import { resolveJwtSecret } from './tokens/jwt-secret';
import { WorkspaceService } from './workspaces/workspace.service';

/**
 * Identity and tenancy: who is asking (members, API keys), in which workspace, and what they may
 * do. Provides the request context (AsyncLocalStorage) and the global authorization guard, and
 * limits failed sign-ins with counters kept in PostgreSQL.
 * Needs AppConfig and the TypeORM DataSource from the application.
 */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig, DataSource],
      useFactory: async (config: AppConfig, dataSource: DataSource) => ({
        // a key object: given the text, jsonwebtoken would first try (and fail) to read it as a PEM
        // key on every sign and verify, which cost more than the rest of authenticating a request
        secret: createSecretKey(Buffer.from(await resolveJwtSecret(config, dataSource))),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  providers: [
    // The request context is entered once per HTTP request by `TenantContext.enterRequest` (the
    // application's first middleware). ClsModule is not imported: it would add a guard and an
    // interceptor that do nothing here to every route.
    { provide: ClsService, useFactory: () => ClsServiceManager.getClsService() },
    TenantContext,
    WorkspaceScope,
    TenantSql,
    PasswordService,
    AccessTokenService,
    AuditService,
    Outbox,
    SessionService,
    UserAccountService,
    MemberService,
    InvitationService,
    ApiKeyService,
    WorkspaceService,
    IdentityLoaders,
    Authenticator,
    SessionMemory,
    { provide: APP_GUARD, useClass: AuthorizationGuard },
    // Failed sign-in limits (@nestjs/throttler on PostgreSQL), for the operations marked
    // @LimitFailedAttempts only: not a global guard.
    { provide: getOptionsToken(), inject: [AppConfig], useFactory: failedAttemptOptions },
    PostgresThrottlerStorage,
    { provide: getStorageToken(), useExisting: PostgresThrottlerStorage },
    FailedAttemptGuard,
    FailedAttemptInterceptor,
    SessionResolver,
    MeResolver,
    MemberResolver,
    InvitationResolver,
    ApiKeyResolver,
    AuditResolver,
  ],
  exports: [
    TenantContext,
    WorkspaceScope,
    TenantSql,
    AuditService,
    Outbox,
    IdentityLoaders,
    MemberService,
    WorkspaceService,
    ApiKeyService,
    SessionMemory,
    // so that @LimitFailedAttempts works on routes of the modules that import this one
    getOptionsToken(),
    getStorageToken(),
  ],
})
export class IdentityModule {}
