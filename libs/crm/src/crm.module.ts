import { IdentityModule } from '@greenlight/identity';
import { Module } from '@nestjs/common';
import { AccountResolver } from './accounts/account.resolver';
import { AccountsService } from './accounts/accounts.service';
import { CampaignResolver, CampaignTargetResolver } from './campaigns/campaign.resolver';
import { CampaignsService } from './campaigns/campaigns.service';
import { ContactResolver, PositionResolver, RepresentationResolver } from './contacts/contact.resolver';
import { ContactsService } from './contacts/contacts.service';
import { CrmLoaders } from './crm.loaders';
import { CsvExportService } from './csv/csv-export.service';
import { CsvImportService } from './csv/csv-import.service';
import { CsvController } from './csv/csv.controller';
import { InteractionResolver } from './interactions/interaction.resolver';
import { InteractionsService } from './interactions/interactions.service';
import { SearchResolver } from './search/search.resolver';
import { SearchService } from './search/search.service';
import { CRM_STATISTICS } from './statistics';
import { StageResolver, StageTransitionResolver } from './stages/stage.resolver';
import { StagesService } from './stages/stages.service';
import { TaskResolver } from './tasks/task.resolver';
import { TasksService } from './tasks/tasks.service';
import { AccountTimelineResolver } from './timeline/timeline.resolver';
import { TimelineSources } from './timeline/timeline-sources';
import { TimelineService } from './timeline/timeline.service';
import { NotificationResolver } from './notifications/notification.resolver';
import { NotificationsService } from './notifications/notifications.service';
import { NotificationSources } from './notifications/notification-sources';
import { BulkEditsResolver } from './bulk/bulk-edits.resolver';
import { BulkEditsService } from './bulk/bulk-edits.service';
import { SavedViewResolver } from './views/saved-view.resolver';
import { SavedViewsService } from './views/saved-views.service';

/** The CRM context: accounts, contacts, interactions, tasks, stages, campaigns, search, saved list views, notifications. */
@Module({
  imports: [IdentityModule],
  controllers: [CsvController],
  providers: [
    CsvImportService,
    CsvExportService,
    CrmLoaders,
    StagesService,
    AccountsService,
    ContactsService,
    TasksService,
    CampaignsService,
    InteractionsService,
    TimelineService,
    TimelineSources,
    SearchService,
    SavedViewsService,
    SavedViewResolver,
    BulkEditsService,
    BulkEditsResolver,
    NotificationsService,
    NotificationSources,
    NotificationResolver,
    StageResolver,
    StageTransitionResolver,
    AccountResolver,
    AccountTimelineResolver,
    ContactResolver,
    PositionResolver,
    RepresentationResolver,
    InteractionResolver,
    TaskResolver,
    CampaignResolver,
    CampaignTargetResolver,
    SearchResolver,
    ...CRM_STATISTICS,
  ],
  exports: [
    CsvImportService,
    CsvExportService,
    StagesService,
    AccountsService,
    ContactsService,
    InteractionsService,
    TasksService,
    CampaignsService,
    CrmLoaders,
    TimelineSources,
    NotificationSources,
    ...CRM_STATISTICS,
  ],
})
export class CrmModule {}
