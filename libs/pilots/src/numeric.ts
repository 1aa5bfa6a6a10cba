/** Reads PostgreSQL `numeric` columns (strings in pg) as numbers. */
export const numeric = {
  to: (value?: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
