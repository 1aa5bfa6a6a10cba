import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { CLS_REQ, ClsService, ClsServiceManager, ClsStore } from 'nestjs-cls';
import { MemberPrincipal, Principal } from './principal';

const PRINCIPAL = Symbol('greenlight.principal');

/** What the context of one HTTP request holds. */
export interface RequestStore extends ClsStore {
  [CLS_REQ]: object;
  [PRINCIPAL]?: Principal;
}

/**
 * Who is asking and in which workspace, for the current request (or CLI run), kept in
 * AsyncLocalStorage. The workspace always comes from the verified credentials, never from input.
 */
@Injectable()
export class TenantContext {
  constructor(private readonly cls: ClsService) {}

  /** The context of the request being served, where nothing can be injected (parameter decorators). */
  static current(): TenantContext {
    return new TenantContext(ClsServiceManager.getClsService());
  }

  /** A new context for an HTTP request: `enterRequest` serves the request in it. */
  static requestStore(request: object): RequestStore {
    return { [CLS_REQ]: request };
  }

  /** Serves an HTTP request in its context, entered once, before any other middleware runs. */
  static enterRequest(store: RequestStore, next: () => void): void {
    ClsServiceManager.getClsService().runWith(store, next);
  }

  /** Who was asking in a request's context, if anyone signed in; readable after the response ended. */
  static principalIn(store: RequestStore): Principal | undefined {
    return store[PRINCIPAL];
  }

  /** Sets who is asking in a request's context that was not entered (a request answered at once). */
  static setPrincipalIn(store: RequestStore, principal: Principal): void {
    store[PRINCIPAL] = principal;
  }

  principal(): Principal | undefined {
    return this.cls.isActive() ? this.cls.get<Principal | undefined>(PRINCIPAL) : undefined;
  }

  /** The workspace every query of this request is scoped to; refuses when nobody is signed in. */
  currentWorkspaceId(): string {
    const workspaceId = this.principal()?.workspaceId;
    if (!workspaceId) throw new UnauthorizedException('Sign in to continue');
    return workspaceId;
  }

  /** The signed-in member; refuses API keys and anonymous callers. */
  currentMember(): MemberPrincipal {
    const principal = this.principal();
    if (!principal) throw new UnauthorizedException('Sign in to continue');
    if (principal.kind !== 'member') throw new ForbiddenException('Only a signed-in member can do this');
    return principal;
  }

  /** The id of the HTTP request being served (as logged), if any. */
  requestId(): string | null {
    if (!this.cls.isActive()) return null;
    const id = this.cls.get<{ id?: unknown } | undefined>(CLS_REQ)?.id;
    return id === undefined || id === null ? null : String(id);
  }

  /** What `make` gives, made once per request (or CLI run) and shared there; made every time outside one. */
  perRequest<T>(key: symbol, make: () => T): T {
    if (!this.cls.isActive()) return make();
    const found: unknown = this.cls.get(key);
    if (found !== undefined) return found as T;
    const made = make();
    this.cls.set(key, made);
    return made;
  }

  /** Sets who is asking for the rest of this request. */
  setPrincipal(principal: Principal): void {
    this.cls.set(PRINCIPAL, principal);
  }

  /** Runs `work` as `principal` (inheriting the request's other context), e.g. from the CLI. */
  run<T>(principal: Principal, work: () => Promise<T>): Promise<T> {
    return this.cls.run({ ifNested: 'inherit' }, () => {
      this.cls.set(PRINCIPAL, principal);
      return work();
    });
  }
}
