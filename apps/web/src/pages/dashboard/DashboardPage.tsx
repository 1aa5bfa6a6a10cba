import { useState } from 'react';
import { useViewer } from '../../auth/ViewerProvider';
import { formatDay } from '../../ui/format';
import { BetaAccessPanel } from './BetaAccessPanel';
import { CompetitivePanel } from './CompetitivePanel';
import { useDashboardParams } from './dashboard-params';
import { DashboardFilters } from './DashboardFilters';
import type { DrillDownTarget } from './drill-down';
import { DrillDownDialog } from './DrillDownDialog';
import { FunnelPanel } from './FunnelPanel';
import { PilotsPanel } from './PilotsPanel';
import { PipelinePanel } from './PipelinePanel';
import { RiskPanel } from './RiskPanel';
import { TeamPanel } from './TeamPanel';
import { UsagePanel } from './UsagePanel';

/** The executive dashboard: every figure over one period and filter, each opening the accounts behind it. */
export default function DashboardPage() {
  const viewer = useViewer();
  const params = useDashboardParams();
  const [drillDown, setDrillDown] = useState<DrillDownTarget | null>(null);
  return (
    <div className="page page-wide">
      <header className="page-header">
        <div>
          <h1>Dashboard</h1>
          <p className="page-subtitle">
            {viewer.workspace.name} · {formatDay(params.period.from)} – {formatDay(params.period.to)}
          </p>
        </div>
        <DashboardFilters params={params} />
      </header>
      <div className="dashboard-grid">
        <PipelinePanel params={params} onDrill={setDrillDown} />
        <FunnelPanel params={params} onDrill={setDrillDown} />
        <PilotsPanel params={params} />
        <UsagePanel params={params} />
        <RiskPanel params={params} />
        <TeamPanel params={params} />
        <CompetitivePanel params={params} onDrill={setDrillDown} />
        <BetaAccessPanel />
      </div>
      {drillDown && (
        <DrillDownDialog
          key={JSON.stringify(drillDown)}
          target={drillDown}
          onClose={() => setDrillDown(null)}
        />
      )}
    </div>
  );
}
