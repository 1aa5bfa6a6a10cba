import { AppConfig } from '@greenlight/config';
import { CrmModule, NotificationSources } from '@greenlight/crm';
import { GrantsModule } from '@greenlight/grants';
import { IdentityModule } from '@greenlight/identity';
import { PilotsModule } from '@greenlight/pilots';
import { TelemetryModule } from '@greenlight/telemetry';
import { Module } from '@nestjs/common';
import { AlertNotificationSource, NotificationAlertResolver } from './alerts/alert-notifications';
import { AlertResolver } from './alerts/alert.resolver';
import { AlertsService } from './alerts/alerts.service';
import { HEALTH_SETTINGS, HealthEvaluation } from './evaluation/health-evaluation';
import { HealthSchedule } from './evaluation/health-schedule';
import { AccountAtRiskResolver, AccountHealthResolver } from './health/health.resolver';
import { HealthService } from './health/health.service';
import { AccountSignalsReader } from './signals/account-signals';
import { GrantSignals } from './signals/grant-signals';
import { PilotSignals } from './signals/pilot-signals';
import { HealthStatistics } from './statistics/health-statistics';

/**
 * Account health and alerts: scores with reasons, stored for lists, and alerts evaluated on a
 * schedule (needs `ScheduleModule.forRoot()` and `AppConfig` from the application).
 */
@Module({
  imports: [IdentityModule, CrmModule, TelemetryModule, PilotsModule, GrantsModule],
  providers: [
    { provide: HEALTH_SETTINGS, useFactory: (config: AppConfig) => config.health, inject: [AppConfig] },
    PilotSignals,
    GrantSignals,
    AccountSignalsReader,
    HealthService,
    AlertsService,
    HealthStatistics,
    HealthEvaluation,
    HealthSchedule,
    AccountHealthResolver,
    AccountAtRiskResolver,
    AlertResolver,
    AlertNotificationSource,
    NotificationAlertResolver,
  ],
  exports: [HealthService, AlertsService, HealthStatistics, HealthEvaluation, HealthSchedule],
})
export class AccountHealthModule {
  constructor(notifications: NotificationSources, alerts: AlertNotificationSource) {
    notifications.register(alerts);
  }
}
