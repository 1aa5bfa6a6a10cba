import { RateLimitedException } from '@greenlight/common';
import { AppConfig } from '@greenlight/config';
import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  SkipThrottle,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerRequest,
} from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { concatMap, Observable } from 'rxjs';
import { TenantContext } from '../context/tenant-context';
import { sha256 } from '../tokens/secrets';
import { normalizeEmail } from '../users/email';
import { PostgresThrottlerStorage } from './postgres-throttler.storage';

/**
 * What failed attempts are counted by: the email in the arguments, the signed-in user (with the
 * per-email limit) or the client IP.
 */
export type FailureLimit = 'email' | 'user' | 'ip';
const LIMITS: FailureLimit[] = ['email', 'user', 'ip'];

export const TOO_MANY_ATTEMPTS = 'Too many failed attempts: wait before trying again';

/** The throttler options: per email and per IP, counted over one window, blocked for as long. */
export function failedAttemptOptions(config: AppConfig): ThrottlerModuleOptions {
  const { perEmail, perIp, windowSeconds } = config.signInLimits;
  const ttl = windowSeconds * 1000;
  return {
    throttlers: [
      { name: 'email', limit: perEmail, ttl, blockDuration: ttl, getTracker: emailOf },
      { name: 'user', limit: perEmail, ttl, blockDuration: ttl, getTracker: signedInUserOf },
      { name: 'ip', limit: perIp, ttl, blockDuration: ttl },
    ],
    setHeaders: false,
  };
}

function emailOf(req: Record<string, unknown>, context: ExecutionContext): string {
  const email =
    context.getType<GqlContextType>() === 'graphql'
      ? GqlExecutionContext.create(context).getArgs<{ email?: unknown }>().email
      : (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? normalizeEmail(email) : '';
}

function signedInUserOf(): string {
  return TenantContext.current().currentMember().userId;
}

/**
 * The hits one attempt took, until it ends: a GraphQL field's `info` (one request may run several
 * mutations) or an HTTP request.
 */
const attempts = new WeakMap<object, string[]>();

function attemptOf(context: ExecutionContext): object {
  return context.getType<GqlContextType>() === 'graphql'
    ? GqlExecutionContext.create(context).getInfo<object>()
    : context.switchToHttp().getRequest<object>();
}

async function refundAttempt(context: ExecutionContext, counters: PostgresThrottlerStorage): Promise<void> {
  const attempt = attemptOf(context);
  const keys = attempts.get(attempt) ?? [];
  attempts.delete(attempt);
  for (const key of keys) await counters.refund(key);
}

/**
 * Counts every attempt before it runs (one atomic upsert per limit, so parallel attempts cannot
 * slip through) and refuses the attempt once a limit is passed, with RATE_LIMITED (HTTP 429) and
 * `Retry-After`. A refused attempt counts only against the limit that refused it.
 */
@Injectable()
export class FailedAttemptGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() private readonly counters: PostgresThrottlerStorage,
    reflector: Reflector,
  ) {
    super(options, counters, reflector);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    try {
      return await super.canActivate(context);
    } catch (error) {
      await refundAttempt(context, this.counters);
      throw error;
    }
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const { context, limit, ttl, throttler, blockDuration, getTracker, generateKey } = request;
    const { req, res } = this.getRequestResponse(context);
    const tracker = await getTracker(req, context);
    const key = generateKey(context, tracker, throttler.name ?? 'default');
    const record = await this.counters.increment(key, ttl, limit, blockDuration);
    if (record.isBlocked) {
      this.setResponseHeader(res, 'Retry-After', record.timeToBlockExpire);
      await this.throwThrottlingException(context, { ...record, limit, ttl, key, tracker });
    }
    const attempt = attemptOf(context);
    attempts.set(attempt, [...(attempts.get(attempt) ?? []), key]);
    return true;
  }

  protected override getRequestResponse(context: ExecutionContext): {
    req: Record<string, unknown>;
    res: Record<string, unknown>;
  } {
    if (context.getType<GqlContextType>() === 'graphql') {
      const { req, res } = GqlExecutionContext.create(context).getContext<{ req: Request; res: Response }>();
      return { req: req as never, res: res as never };
    }
    return super.getRequestResponse(context);
  }

  /** `<operation>:<limit>:<sha256 of the email or IP>`: no address is stored in clear. */
  protected override generateKey(context: ExecutionContext, tracker: string, name: string): string {
    return `${context.getHandler().name}:${name}:${sha256(tracker)}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new RateLimitedException(TOO_MANY_ATTEMPTS, detail.timeToBlockExpire);
  }
}

/** Takes back the hits of an attempt that succeeded: only failures count. */
@Injectable()
export class FailedAttemptInterceptor implements NestInterceptor {
  constructor(@InjectThrottlerStorage() private readonly counters: PostgresThrottlerStorage) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      concatMap(async (value: unknown) => {
        await refundAttempt(context, this.counters);
        return value;
      }),
    );
  }
}

/**
 * Limits failed attempts of this operation (a sign-in, a token exchange, a password change) by the
 * email argument, the signed-in user and/or the client IP, with the limits of `SIGN_IN_MAX_FAILURES_PER_*`. Counters are per
 * operation and live in PostgreSQL, shared by every instance. Successful attempts do not count.
 */
export const LimitFailedAttempts = (...limits: FailureLimit[]) =>
  applyDecorators(
    SkipThrottle(Object.fromEntries(LIMITS.map((limit) => [limit, !limits.includes(limit)]))),
    UseGuards(FailedAttemptGuard),
    UseInterceptors(FailedAttemptInterceptor),
  );
