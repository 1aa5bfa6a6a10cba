import { EntityNotFoundException } from '@greenlight/common';
import { TenantContext, WorkspaceScope } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ListKind, SavedView } from './saved-view.entity';
import { SaveViewInput } from './saved-view.inputs';

/** Each member's own saved list views: nobody else reads or changes them. */
@Injectable()
export class SavedViewsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
    private readonly context: TenantContext,
  ) {}

  private repository() {
    return this.scope.repository(SavedView, 'Saved view');
  }

  private me(): string {
    return this.context.currentMember().membershipId;
  }

  list(list: ListKind): Promise<SavedView[]> {
    return this.repository().find({ where: { memberId: this.me(), list }, order: { name: 'ASC' } });
  }

  /** Saves the view under its name, replacing the member's earlier view of that name on that list. */
  async save(input: SaveViewInput): Promise<SavedView> {
    const memberId = this.me();
    const name = input.name.trim();
    const repository = this.repository();
    const existing = await repository.findOneBy({ memberId, list: input.list, name });
    if (existing) {
      existing.query = input.query;
      return repository.save(existing);
    }
    return repository.insert({ memberId, list: input.list, name, query: input.query });
  }

  async delete(id: string): Promise<boolean> {
    const repository = this.repository();
    const view = await repository.findById(id);
    if (!view || view.memberId !== this.me()) throw new EntityNotFoundException('Saved view', id);
    await this.dataSource
      .getRepository(SavedView)
      .delete({ workspaceId: view.workspaceId, id: view.id, memberId: view.memberId });
    return true;
  }
}
