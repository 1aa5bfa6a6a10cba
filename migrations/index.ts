import { Init1764082800000 } from './1764082800000-Init';
import { IdentityAndTenancy1795619533890 } from './1795619533890-IdentityAndTenancy';
import { CrmCore1795620818665 } from './1795620818665-CrmCore';
import { SignInThrottle1795621055523 } from './1795621055523-SignInThrottle';
import { UsageTelemetry1795622400000 } from './1795622400000-UsageTelemetry';
import { UsageRollups1795700000000 } from './1795700000000-UsageRollups';
import { IngestRateLimit1795700050000 } from './1795700050000-IngestRateLimit';
import { Pilots1795700100000 } from './1795700100000-Pilots';
import { HealthAndAlerts1795700200000 } from './1795700200000-HealthAndAlerts';
import { AnalyticsIndexes1795700300000 } from './1795700300000-AnalyticsIndexes';
import { DashboardIndexes1795700400000 } from './1795700400000-DashboardIndexes';
import { DashboardSpeed1795700500000 } from './1795700500000-DashboardSpeed';
import { RollupQuarantine1795700620000 } from './1795700620000-RollupQuarantine';
import { TenantKeys1795800000000 } from './1795800000000-TenantKeys';
import { RequestPathIndexes1795850000000 } from './1795850000000-RequestPathIndexes';
import { Capture1796372723372 } from './1796372723372-Capture';
import { UsagePeriodRollups1796400000000 } from './1796400000000-UsagePeriodRollups';
import { IdentityCountsPending1796400100000 } from './1796400100000-IdentityCountsPending';
import { HistogramLoops1796400200000 } from './1796400200000-HistogramLoops';
import { AccessGrants1796500000000 } from './1796500000000-AccessGrants';
import { GrantAlerts1796500100000 } from './1796500100000-GrantAlerts';
import { SavedViews1796600000000 } from './1796600000000-SavedViews';
import { NameDistanceIndexes1796650000000 } from './1796650000000-NameDistanceIndexes';
import { CapturePauseAndExclusionLabels1796700300000 } from './1796700300000-CapturePauseAndExclusionLabels';
import { GrantsListViews1796700500000 } from './1796700500000-GrantsListViews';
import { NotificationReads1796710000000 } from './1796710000000-NotificationReads';
import { GroupedRollupDeltas1796720000000 } from './1796720000000-GroupedRollupDeltas';
import { DashboardDataVersion1796720100000 } from './1796720100000-DashboardDataVersion';
import { Webhooks1796730000000 } from './1796730000000-Webhooks';
import { PilotCriterionMetAt1796740000000 } from './1796740000000-PilotCriterionMetAt';
import { PeriodUsersWithoutDays1796750000000 } from './1796750000000-PeriodUsersWithoutDays';
import { InteractionLinkTimes1796760000000 } from './1796760000000-InteractionLinkTimes';
import { CampaignTargetWorkspace1796765000000 } from './1796765000000-CampaignTargetWorkspace';
import { AccountUserDayKey1796770000000 } from './1796770000000-AccountUserDayKey';
import { SessionChangeNotifications1796781300000 } from './1796781300000-SessionChangeNotifications';
import { RollupUpdatesInPlace1796781400000 } from './1796781400000-RollupUpdatesInPlace';
import { IdentityCountsPerBatch1796781500000 } from './1796781500000-IdentityCountsPerBatch';

/** Every migration, oldest first. */
export const migrations = [
  Init1764082800000,
  IdentityAndTenancy1795619533890,
  CrmCore1795620818665,
  SignInThrottle1795621055523,
  UsageTelemetry1795622400000,
  UsageRollups1795700000000,
  IngestRateLimit1795700050000,
  Pilots1795700100000,
  HealthAndAlerts1795700200000,
  AnalyticsIndexes1795700300000,
  DashboardIndexes1795700400000,
  DashboardSpeed1795700500000,
  RollupQuarantine1795700620000,
  TenantKeys1795800000000,
  RequestPathIndexes1795850000000,
  Capture1796372723372,
  UsagePeriodRollups1796400000000,
  IdentityCountsPending1796400100000,
  HistogramLoops1796400200000,
  AccessGrants1796500000000,
  GrantAlerts1796500100000,
  SavedViews1796600000000,
  NameDistanceIndexes1796650000000,
  CapturePauseAndExclusionLabels1796700300000,
  GrantsListViews1796700500000,
  NotificationReads1796710000000,
  GroupedRollupDeltas1796720000000,
  DashboardDataVersion1796720100000,
  Webhooks1796730000000,
  PilotCriterionMetAt1796740000000,
  PeriodUsersWithoutDays1796750000000,
  InteractionLinkTimes1796760000000,
  CampaignTargetWorkspace1796765000000,
  AccountUserDayKey1796770000000,
  SessionChangeNotifications1796781300000,
  RollupUpdatesInPlace1796781400000,
  IdentityCountsPerBatch1796781500000,
];
