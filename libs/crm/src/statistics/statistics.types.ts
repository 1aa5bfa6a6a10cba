/** A half-open window of time `[from, to)`. */
export interface Interval {
  from: Date;
  to: Date;
}

export interface CurrencyAmount {
  currency: string;
  amount: number;
}

export interface PipelineStageFigure {
  stageId: string;
  accountCount: number;
  /** Sum of expected annual value per currency (accounts without a value add nothing). */
  expectedAnnualValue: CurrencyAmount[];
}

export interface FunnelStepFigure {
  stageId: string;
  /** The next stage in pipeline order; null for the last one. */
  nextStageId: string | null;
  entered: number;
  /** Null for the last stage, which has no next one. */
  converted: number | null;
}

export interface StageDurationFigure {
  stageId: string;
  completedStays: number;
  openStays: number;
  medianSeconds: number | null;
  p75Seconds: number | null;
}

export interface MemberWeekFigure {
  memberId: string;
  /** Monday of the UTC week, `YYYY-MM-DD`. */
  week: string;
  kind: string;
  count: number;
}

export interface OverdueTasksFigure {
  assigneeId: string | null;
  count: number;
  oldestDueAt: Date;
}

export interface CompetitorFigure {
  vendor: string;
  accountCount: number;
  byStage: { stageId: string; accountCount: number }[];
}
