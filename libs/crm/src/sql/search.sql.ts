import { sql, SqlFragment, sqlStatements } from '@greenlight/identity';

/** Escapes text for HTML, inside SQL, before ts_headline adds its <mark> tags. */
const escaped = (text: SqlFragment) =>
  sql`replace(replace(replace(${text}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;
/** The indexed text of an interaction (the same expression as IDX_interaction_search). */
const DOCUMENT = sql`to_tsvector('english', coalesce(summary, '') || ' ' || coalesce(next_steps, '') || ' ' || coalesce(location, ''))`;

export const searchSql = sqlStatements('crm.search', {
  /** How alike a name must be to the words searched (0 to 1), for the rest of the transaction. */
  wordSimilarity: {
    examples: [[0.5]],
    build: (threshold: number) => sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(threshold)}, true)`,
  },
  /**
   * Each kind contributes its best candidates: names through the trigram index (word similarity
   * above the threshold), exact e-mail or domain hits, and interactions by full-text search; then
   * all are ranked together.
   */
  search: {
    examples: [['meridian', 10]],
    build: (text: string, limit: number) => sql`
      SELECT * FROM (
        SELECT 'ACCOUNT' AS kind, a.id, a.name AS title,
               ts_headline('simple', ${escaped(sql`a.name`)}, plainto_tsquery('simple', ${text}), 'StartSel=<mark>, StopSel=</mark>, HighlightAll=true') AS snippet,
               greatest(word_similarity(${text}, a.name), CASE WHEN a.domains @> ARRAY[lower(${text})] THEN 1 ELSE 0 END)::float AS score
          FROM (
            (SELECT * FROM account WHERE workspace_id = ${sql.workspace} AND archived_at IS NULL AND ${text} <% name
              ORDER BY word_similarity(${text}, name) DESC LIMIT ${limit})
            UNION
            (SELECT * FROM account WHERE workspace_id = ${sql.workspace} AND archived_at IS NULL AND domains @> ARRAY[lower(${text})] LIMIT ${limit})
          ) a
        UNION ALL
        SELECT 'CONTACT', c.id, c.name,
               ts_headline('simple', ${escaped(sql`c.name || coalesce(' · ' || c.title, '')`)}, plainto_tsquery('simple', ${text}), 'StartSel=<mark>, StopSel=</mark>, HighlightAll=true'),
               greatest(word_similarity(${text}, c.name), CASE WHEN c.emails @> ARRAY[lower(${text})] THEN 1 ELSE 0 END)::float
          FROM (
            (SELECT * FROM contact WHERE workspace_id = ${sql.workspace} AND archived_at IS NULL AND ${text} <% name
              ORDER BY word_similarity(${text}, name) DESC LIMIT ${limit})
            UNION
            (SELECT * FROM contact WHERE workspace_id = ${sql.workspace} AND archived_at IS NULL AND emails @> ARRAY[lower(${text})] LIMIT ${limit})
          ) c
        UNION ALL
        SELECT 'INTERACTION', i.id, left(i.summary, 120),
               ts_headline('english', ${escaped(sql`i.summary`)}, websearch_to_tsquery('english', ${text}), 'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=18, MinWords=6'),
               (0.3 + 0.6 * ts_rank(${DOCUMENT}, websearch_to_tsquery('english', ${text})))::float
          FROM (
            SELECT * FROM interaction
             WHERE workspace_id = ${sql.workspace} AND ${DOCUMENT} @@ websearch_to_tsquery('english', ${text})
             ORDER BY occurred_at DESC LIMIT ${limit}
          ) i
      ) hits
      ORDER BY score DESC, kind, id
      LIMIT ${limit}`,
  },
});
