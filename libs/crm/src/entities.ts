import { Account } from './accounts/account.entity';
import { Competitor } from './accounts/competitor.entity';
import { Campaign, CampaignTarget } from './campaigns/campaign.entity';
import { Contact } from './contacts/contact.entity';
import { Position } from './contacts/position.entity';
import { Representation } from './contacts/representation.entity';
import {
  InteractionAccount,
  InteractionContact,
  InteractionMember,
} from './interactions/interaction-links.entity';
import { Interaction } from './interactions/interaction.entity';
import { StageTransition } from './stages/stage-transition.entity';
import { Stage } from './stages/stage.entity';
import { Task } from './tasks/task.entity';
import { NotificationRead } from './notifications/notification-read.entity';
import { SavedView } from './views/saved-view.entity';

export {
  Account,
  Campaign,
  CampaignTarget,
  Competitor,
  Contact,
  Interaction,
  InteractionAccount,
  InteractionContact,
  InteractionMember,
  NotificationRead,
  Position,
  Representation,
  SavedView,
  Stage,
  StageTransition,
  Task,
};

/** Every table the CRM context owns. */
export const CRM_ENTITIES = [
  Stage,
  StageTransition,
  Account,
  Competitor,
  Contact,
  Position,
  Representation,
  Interaction,
  InteractionAccount,
  InteractionContact,
  InteractionMember,
  Task,
  Campaign,
  CampaignTarget,
  SavedView,
  NotificationRead,
];
