import type { DashboardFilter, DashboardPeriod } from '../../gql/graphql';

/** Which figure's accounts to list: the same arguments as the figure, and the part clicked. */
export type DrillDownTarget =
  | { kind: 'pipeline'; title: string; stageId: string; at: string | null; filter: DashboardFilter }
  | {
      kind: 'funnel';
      title: string;
      stageId: string;
      converted: boolean;
      period: DashboardPeriod;
      filter: DashboardFilter;
    }
  | { kind: 'competitor'; title: string; vendor: string; stageId: string; filter: DashboardFilter };

export type OpenDrillDown = (target: DrillDownTarget) => void;
