import { InvalidInputException } from '@greenlight/common';
import {
  AuditService,
  memberIdOf,
  Outbox,
  requireInWorkspace,
  TenantContext,
  TenantSql,
  WorkspaceScope,
} from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PilotMetric } from '../enums';
import { Pilot } from '../pilots/pilot.entity';
import { pilotsSql } from '../sql/pilots.sql';
import { AddPilotCriterionInput, CriterionInput, UpdatePilotCriterionInput } from './criterion.inputs';
import { criterionProblems, CriterionShape } from './criterion-rules';
import { PilotCriterion } from './pilot-criterion.entity';

const snapshot = (criterion: PilotCriterion) => ({
  pilotId: criterion.pilotId,
  metric: criterion.metric,
  comparator: criterion.comparator,
  target: criterion.target,
  label: criterion.label,
  windowStart: criterion.windowStart,
  windowEnd: criterion.windowEnd,
  manualMet: criterion.manualMet,
});

function check(criterion: CriterionShape, pilot: Pilot, prefix: string): void {
  const problems = criterionProblems(criterion, pilot, prefix);
  if (problems.length) throw new InvalidInputException(problems);
}

@Injectable()
export class CriteriaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WorkspaceScope,
    private readonly audit: AuditService,
    private readonly context: TenantContext,
    private readonly db: TenantSql,
    private readonly outbox: Outbox,
  ) {}

  repository(manager?: EntityManager) {
    return this.scope.repository(PilotCriterion, 'Pilot criterion', manager);
  }

  get(id: string): Promise<PilotCriterion> {
    return this.repository().getById(id);
  }

  /** Checks every criterion first (all problems reported at once), then inserts them. */
  async insertAll(
    manager: EntityManager,
    pilot: Pilot,
    criteria: CriterionInput[],
    pathOf: (index: number) => string,
  ): Promise<PilotCriterion[]> {
    const problems = criteria.flatMap((criterion, index) => criterionProblems(criterion, pilot, pathOf(index)));
    if (problems.length) throw new InvalidInputException(problems);
    const saved: PilotCriterion[] = [];
    const { last } = (await this.db.first<{ last: number }>(pilotsSql.lastCriterionPosition(pilot.id), manager))!;
    for (const [index, criterion] of criteria.entries()) {
      const row = await this.repository(manager).insert({
        pilotId: pilot.id,
        position: Number(last) + index + 1,
        metric: criterion.metric,
        comparator: criterion.metric === PilotMetric.MANUAL ? null : (criterion.comparator ?? null),
        target: criterion.metric === PilotMetric.MANUAL ? null : (criterion.target ?? null),
        label: criterion.label?.trim() ?? null,
        windowStart: criterion.windowStart ?? null,
        windowEnd: criterion.windowEnd ?? null,
        manualMet: null,
        manualSetById: null,
        manualSetAt: null,
      });
      await this.audit.record(
        { entity: 'pilot_criterion', entityId: row.id, action: 'create', after: snapshot(row) },
        manager,
      );
      saved.push(row);
    }
    return saved;
  }

  add(input: AddPilotCriterionInput): Promise<PilotCriterion> {
    return this.dataSource.transaction(async (manager) => {
      const pilot = (await requireInWorkspace(this.scope, manager, Pilot, 'input.pilotId', 'a pilot', input.pilotId))!;
      const { pilotId: _pilotId, ...criterion } = input;
      const [row] = await this.insertAll(manager, pilot, [criterion], () => 'input');
      return row;
    });
  }

  update(input: UpdatePilotCriterionInput): Promise<PilotCriterion> {
    return this.dataSource.transaction(async (manager) => {
      const criterion = await this.repository(manager).getById(input.id, { lock: true });
      const pilot = await this.scope.repository(Pilot, 'Pilot', manager).getById(criterion.pilotId);
      const before = snapshot(criterion);
      const { id: _id, ...changes } = input;
      for (const [key, value] of Object.entries(changes))
        if (value !== undefined) Object.assign(criterion, { [key]: value });
      if (input.metric === PilotMetric.MANUAL) {
        // Becoming MANUAL drops what only telemetry metrics use, unless given again (then refused).
        if (input.comparator === undefined) criterion.comparator = null;
        if (input.target === undefined) criterion.target = null;
      }
      if (criterion.metric !== PilotMetric.MANUAL) {
        criterion.manualMet = null;
        criterion.manualSetById = null;
        criterion.manualSetAt = null;
      }
      check(criterion, pilot, 'input');
      if (criterion.label) criterion.label = criterion.label.trim();
      const saved = await this.repository(manager).save(criterion);
      await this.audit.record(
        { entity: 'pilot_criterion', entityId: saved.id, action: 'update', before, after: snapshot(saved) },
        manager,
      );
      return saved;
    });
  }

  remove(id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const criterion = await this.repository(manager).getById(id, { lock: true });
      await manager.getRepository(PilotCriterion).delete({ id: criterion.id, workspaceId: criterion.workspaceId });
      await this.audit.record(
        { entity: 'pilot_criterion', entityId: id, action: 'delete', before: snapshot(criterion) },
        manager,
      );
      return true;
    });
  }

  /** A member's verdict on a MANUAL criterion. */
  setManual(id: string, met: boolean): Promise<PilotCriterion> {
    return this.dataSource.transaction(async (manager) => {
      const criterion = await this.repository(manager).getById(id, { lock: true });
      if (criterion.metric !== PilotMetric.MANUAL)
        throw InvalidInputException.field(
          'id',
          `id is a ${criterion.metric.toUpperCase()} criterion, evaluated from usage: only MANUAL criteria are set by hand`,
        );
      const before = snapshot(criterion);
      criterion.manualMet = met;
      criterion.manualSetById = memberIdOf(this.context.principal());
      criterion.manualSetAt = new Date();
      const saved = await this.repository(manager).save(criterion);
      await this.audit.record(
        { entity: 'pilot_criterion', entityId: id, action: 'set_manual', before, after: snapshot(saved) },
        manager,
      );
      if (met && before.manualMet !== true)
        await this.outbox.record(manager, [
          {
            type: 'pilot.criterion_met',
            data: { pilotId: saved.pilotId, criterionId: saved.id, metric: saved.metric, label: saved.label },
          },
        ]);
      return saved;
    });
  }
}
