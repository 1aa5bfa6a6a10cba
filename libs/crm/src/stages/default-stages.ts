import { StageCategory } from '../enums';

/** The pipeline a new workspace starts with. */
export const DEFAULT_STAGES: { key: string; name: string; category: StageCategory }[] = [
  { key: 'prospect', name: 'Prospect', category: StageCategory.OPEN },
  { key: 'contacted', name: 'Contacted', category: StageCategory.OPEN },
  { key: 'engaged', name: 'Engaged', category: StageCategory.OPEN },
  { key: 'pilot', name: 'Pilot', category: StageCategory.OPEN },
  { key: 'negotiation', name: 'Negotiation', category: StageCategory.OPEN },
  { key: 'adopted', name: 'Adopted', category: StageCategory.WON },
  { key: 'expanding', name: 'Expanding', category: StageCategory.WON },
  { key: 'paused', name: 'Paused', category: StageCategory.PAUSED },
  { key: 'lost', name: 'Lost', category: StageCategory.LOST },
  { key: 'churned', name: 'Churned', category: StageCategory.LOST },
];
