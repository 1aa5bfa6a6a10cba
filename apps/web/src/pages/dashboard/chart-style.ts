export const AXIS_TICK = { fontSize: 12, fill: '#4b5563' };
export const GRID_STROKE = '#e5e7eb';

/** Distinct, readable colours for series without a meaning of their own (stages, kinds). */
export const SERIES_COLORS = [
  '#2563eb',
  '#0f7b5f',
  '#b45309',
  '#7c3aed',
  '#be123c',
  '#0e7490',
  '#4d7c0f',
  '#6b7280',
  '#c2410c',
];

export const STAGE_CATEGORY_COLORS: Record<string, string> = {
  OPEN: '#2563eb',
  WON: '#0f7b5f',
  PAUSED: '#b45309',
  LOST: '#b91c1c',
};
