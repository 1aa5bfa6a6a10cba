import { registerEnumType } from '@nestjs/graphql';

export enum AccountKind {
  STUDIO = 'studio',
  STREAMER = 'streamer',
  NETWORK = 'network',
  PRODUCTION_COMPANY = 'production_company',
  TALENT_AGENCY = 'talent_agency',
  VFX_POST_HOUSE = 'vfx_post_house',
  AD_AGENCY = 'ad_agency',
  INDEPENDENT_CREATOR = 'independent_creator',
  OTHER = 'other',
}

export enum CompetitorStatus {
  EVALUATING = 'evaluating',
  PILOTING = 'piloting',
  ADOPTED = 'adopted',
  REJECTED = 'rejected',
}

export enum ContactKind {
  EXECUTIVE = 'executive',
  AGENT = 'agent',
  TALENT = 'talent',
  PRODUCER = 'producer',
  DIRECTOR = 'director',
  CREATIVE_TECHNOLOGIST = 'creative_technologist',
  LEGAL = 'legal',
  OTHER = 'other',
}

export enum InteractionKind {
  MEETING = 'meeting',
  CALL = 'call',
  DEMO = 'demo',
  SCREENING = 'screening',
  EMAIL = 'email',
  EVENT = 'event',
}

export enum Sentiment {
  POSITIVE = 'positive',
  NEUTRAL = 'neutral',
  NEGATIVE = 'negative',
}

export enum TaskStatus {
  OPEN = 'open',
  DONE = 'done',
  CANCELLED = 'cancelled',
}

export enum StageCategory {
  OPEN = 'open',
  WON = 'won',
  LOST = 'lost',
  PAUSED = 'paused',
}

export enum CampaignTargetStatus {
  NOT_CONTACTED = 'not_contacted',
  CONTACTED = 'contacted',
  MEETING_BOOKED = 'meeting_booked',
  MET = 'met',
  DECLINED = 'declined',
  NO_RESPONSE = 'no_response',
}

registerEnumType(AccountKind, { name: 'AccountKind' });
registerEnumType(CompetitorStatus, { name: 'CompetitorStatus' });
registerEnumType(ContactKind, { name: 'ContactKind' });
registerEnumType(InteractionKind, { name: 'InteractionKind' });
registerEnumType(Sentiment, { name: 'Sentiment' });
registerEnumType(TaskStatus, { name: 'TaskStatus' });
registerEnumType(StageCategory, { name: 'StageCategory' });
registerEnumType(CampaignTargetStatus, { name: 'CampaignTargetStatus' });
