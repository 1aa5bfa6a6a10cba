/** Ids the CRM statements are rendered with in queries/*.sql. */
export const EXAMPLE_IDS = [
  '00000000-0000-4000-8000-0000000000c1',
  '00000000-0000-4000-8000-0000000000c2',
] as const;
export const [EXAMPLE_ID, OTHER_EXAMPLE_ID] = EXAMPLE_IDS;
