import { sql, SqlFragment, sqlStatements } from '@greenlight/identity';

/** Escapes text for HTML, inside SQL, before ts_headline adds its <mark> tags. */
const escaped = (text: SqlFragment) =>
  sql`replace(replace(replace(${text}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;
/** How alike a name must be to the words searched (0 to 1): 0.5 lets one or two typos through. */
const WORD_SIMILARITY = 0.5;
/** The indexed text of an interaction (the same expression as IDX_interaction_search). */
const DOCUMENT = sql`to_tsvector('english', coalesce(summary, '') || ' ' || coalesce(next_steps, '') || ' ' || coalesce(location, ''))`;

/**
 * The names of `table` nearest to the words (trigram word distance, nearest first), among those at
 * least as alike as the threshold: a walk of its GiST index (IDX_*_name_knn) that stops at the limit.
 */
const nearestNames = (table: 'account' | 'contact', text: string, limit: number) => sql`
            (SELECT * FROM ${sql.identifier(table, ['account', 'contact'])}
              WHERE workspace_id = ${sql.workspace} AND archived_at IS NULL AND name %> ${text} AND threshold.applied IS NOT NULL
              ORDER BY name <->> ${text} LIMIT ${limit})`;

export const searchSql = sqlStatements('crm.search', {
  /**
   * Each kind contributes its best candidates: names nearest to the words (word similarity of at
   * least WORD_SIMILARITY), exact e-mail or domain hits, and interactions by full-text search; then
   * all are ranked together. The similarity threshold is set for this statement alone, before the
   * index is walked (the lateral join reads it first). Prepared: planning it took about its run.
   */
  search: {
    prepared: true,
    examples: [['meridian', 10]],
    build: (text: string, limit: number) => sql`
      SELECT hits.* FROM (SELECT set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY)}, true) AS applied) threshold
      CROSS JOIN LATERAL (
        SELECT 'ACCOUNT' AS kind, a.id, a.name AS title,
               ts_headline('simple', ${escaped(sql`a.name`)}, plainto_tsquery('simple', ${text}), 'StartSel=<mark>, StopSel=</mark>, HighlightAll=true') AS snippet,
               greatest(word_similarity(${text}, a.name), CASE WHEN a.domains @> ARRAY[lower(${text})] THEN 1 ELSE 0 END)::float AS score
          FROM (
${nearestNames('account', text, limit)}
            UNION
            (SELECT * FROM account WHERE workspace_id = ${sql.workspace} AND archived_at IS NULL AND domains @> ARRAY[lower(${text})] LIMIT ${limit})
          ) a
        UNION ALL
        SELECT 'CONTACT', c.id, c.name,
               ts_headline('simple', ${escaped(sql`c.name || coalesce(' · ' || c.title, '')`)}, plainto_tsquery('simple', ${text}), 'StartSel=<mark>, StopSel=</mark>, HighlightAll=true'),
               greatest(word_similarity(${text}, c.name), CASE WHEN c.emails @> ARRAY[lower(${text})] THEN 1 ELSE 0 END)::float
          FROM (
${nearestNames('contact', text, limit)}
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
