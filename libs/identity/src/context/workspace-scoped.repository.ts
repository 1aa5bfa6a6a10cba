import { EntityNotFoundException } from '@greenlight/common';
import { Injectable } from '@nestjs/common';
import {
  DataSource,
  DeepPartial,
  EntityManager,
  EntityTarget,
  FindOptionsOrder,
  FindOptionsWhere,
  Any,
  ObjectLiteral,
  Repository,
  SelectQueryBuilder,
} from 'typeorm';
import { TenantContext } from './tenant-context';
import { isUuid } from './uuid';

/** A row of a tenant table. */
export interface WorkspaceOwned extends ObjectLiteral {
  id: string;
  workspaceId: string;
}

const SCOPE_PARAMETER = 'scopeWorkspaceId';

/**
 * Access to one tenant table, always within the current workspace: reads are filtered by it and
 * writes are stamped with it, so a feature cannot forget the filter or take a workspace from input.
 * This is the one wall between tenants (no row-level security, which would need a per-request SET on
 * pooled connections): every tenant query passes here, and the cross-workspace e2e matrix tests it.
 */
export class WorkspaceScopedRepository<T extends WorkspaceOwned> {
  constructor(
    private readonly repository: Repository<T>,
    private readonly context: TenantContext,
    /** Name used in NOT_FOUND messages, e.g. `Member`. */
    readonly label: string,
  ) {}

  get workspaceId(): string {
    return this.context.currentWorkspaceId();
  }

  private scoped(where: FindOptionsWhere<T> = {}): FindOptionsWhere<T> {
    return { ...where, workspaceId: this.workspaceId } as FindOptionsWhere<T>;
  }

  async find(
    options: { where?: FindOptionsWhere<T>; order?: FindOptionsOrder<T>; take?: number } = {},
  ): Promise<T[]> {
    return this.repository.find({ ...options, where: this.scoped(options.where) });
  }

  async findOneBy(where: FindOptionsWhere<T>): Promise<T | null> {
    return this.repository.findOneBy(this.scoped(where));
  }

  /** The row with this id in the current workspace, or null (also for an id that is not a UUID). */
  async findById(id: string): Promise<T | null> {
    if (!isUuid(id)) return null;
    return this.findOneBy({ id } as FindOptionsWhere<T>);
  }

  /** Like findById, but answers NOT_FOUND, the same for another workspace's row as for none. */
  async getById(id: string, options: { lock?: boolean } = {}): Promise<T> {
    const row =
      options.lock && isUuid(id)
        ? await this.query('row', (query) =>
            query.andWhere('row.id = :id', { id }).setLock('pessimistic_write'),
          ).getOne()
        : await this.findById(id);
    if (!row) throw new EntityNotFoundException(this.label, id);
    return row;
  }

  async findByIds(ids: readonly string[]): Promise<T[]> {
    const valid = ids.filter((id) => isUuid(id));
    return valid.length ? this.repository.findBy(this.scoped({ id: Any(valid) } as FindOptionsWhere<T>)) : [];
  }

  async count(where?: FindOptionsWhere<T>): Promise<number> {
    return this.repository.countBy(this.scoped(where));
  }

  /**
   * A query builder limited to the current workspace. Add conditions in `build` with `andWhere`;
   * a build that replaces or ORs around the workspace condition is refused.
   */
  query(
    alias: string,
    build: (query: SelectQueryBuilder<T>) => SelectQueryBuilder<T> = (query) => query,
  ): SelectQueryBuilder<T> {
    const base = this.repository
      .createQueryBuilder(alias)
      .where(`${alias}.workspace_id = :${SCOPE_PARAMETER}`, { [SCOPE_PARAMETER]: this.workspaceId });
    const built = build(base);
    const [first, ...rest] = built.expressionMap.wheres;
    const intact =
      typeof first?.condition === 'string' &&
      first.condition.endsWith(`workspace_id = :${SCOPE_PARAMETER}`) &&
      rest.every((where) => where.type === 'and') &&
      built.getParameters()[SCOPE_PARAMETER] === this.workspaceId;
    if (!intact)
      throw new Error(`A query on ${this.label} lost its workspace condition: add conditions with andWhere`);
    return built;
  }

  /** Inserts rows into the current workspace (a workspaceId in the values is replaced). */
  async insert(values: DeepPartial<T>): Promise<T> {
    const row = this.repository.create({ ...values, workspaceId: this.workspaceId } as DeepPartial<T>);
    return this.repository.save(row);
  }

  /** Saves a row loaded through this repository; refuses one of another workspace. */
  async save(row: T): Promise<T> {
    if (row.workspaceId !== this.workspaceId) throw new EntityNotFoundException(this.label, row.id);
    return this.repository.save(row);
  }

  /** Updates by id within the current workspace; NOT_FOUND when no such row is there. */
  async update(id: string, changes: DeepPartial<T>): Promise<void> {
    const { workspaceId: _ignored, ...rest } = changes as DeepPartial<T> & { workspaceId?: unknown };
    const result = isUuid(id)
      ? await this.repository.update(this.scoped({ id } as FindOptionsWhere<T>), rest as never)
      : { affected: 0 };
    if (!result.affected) throw new EntityNotFoundException(this.label, id);
  }
}

/** Hands out workspace-scoped repositories, on the default connection or a transaction's manager. */
@Injectable()
export class WorkspaceScope {
  constructor(
    private readonly dataSource: DataSource,
    private readonly context: TenantContext,
  ) {}

  repository<T extends WorkspaceOwned>(
    entity: EntityTarget<T>,
    label: string,
    manager: EntityManager = this.dataSource.manager,
  ): WorkspaceScopedRepository<T> {
    return new WorkspaceScopedRepository(manager.getRepository(entity), this.context, label);
  }
}
