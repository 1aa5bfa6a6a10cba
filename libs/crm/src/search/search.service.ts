import { TenantContext } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type SearchKind = 'ACCOUNT' | 'CONTACT' | 'INTERACTION';

export interface SearchHit {
  kind: SearchKind;
  id: string;
  title: string;
  /** HTML-escaped text with the matching words in <mark>…</mark>. */
  snippet: string;
  score: number;
}

/** Escapes text for HTML, inside SQL, before ts_headline adds its <mark> tags. */
const escaped = (column: string) =>
  `replace(replace(replace(${column}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;
const MARKS = 'StartSel=<mark>, StopSel=</mark>';
/** The indexed text of an interaction (the same expression as IDX_interaction_search). */
const DOCUMENT =
  "to_tsvector('english', coalesce(summary, '') || ' ' || coalesce(next_steps, '') || ' ' || coalesce(location, ''))";
/** How alike a name must be to the words searched (0 to 1): 0.5 lets one or two typos through. */
const WORD_SIMILARITY = 0.5;

/**
 * One ranked search across accounts, contacts and interactions. Names match by trigram word
 * similarity (so "Meridan" finds "Meridian Studios"), interactions by full-text search of their notes.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly context: TenantContext,
  ) {}

  async search(query: string, limit: number): Promise<SearchHit[]> {
    const text = query.trim();
    if (!text) return [];
    // Each kind contributes its best candidates: names through the trigram index (word similarity
    // above the threshold set below), exact e-mail or domain hits, and interactions by full-text
    // search; then all are ranked together.
    const sql = `SELECT * FROM (
         SELECT 'ACCOUNT' AS kind, a.id, a.name AS title,
                ts_headline('simple', ${escaped('a.name')}, plainto_tsquery('simple', $2), '${MARKS}, HighlightAll=true') AS snippet,
                greatest(word_similarity($2, a.name), CASE WHEN a.domains @> ARRAY[lower($2)] THEN 1 ELSE 0 END)::float AS score
           FROM (
             (SELECT * FROM account WHERE workspace_id = $1 AND archived_at IS NULL AND $2 <% name
               ORDER BY word_similarity($2, name) DESC LIMIT $3)
             UNION
             (SELECT * FROM account WHERE workspace_id = $1 AND archived_at IS NULL AND domains @> ARRAY[lower($2)] LIMIT $3)
           ) a
         UNION ALL
         SELECT 'CONTACT', c.id, c.name,
                ts_headline('simple', ${escaped("c.name || coalesce(' · ' || c.title, '')")}, plainto_tsquery('simple', $2), '${MARKS}, HighlightAll=true'),
                greatest(word_similarity($2, c.name), CASE WHEN c.emails @> ARRAY[lower($2)] THEN 1 ELSE 0 END)::float
           FROM (
             (SELECT * FROM contact WHERE workspace_id = $1 AND archived_at IS NULL AND $2 <% name
               ORDER BY word_similarity($2, name) DESC LIMIT $3)
             UNION
             (SELECT * FROM contact WHERE workspace_id = $1 AND archived_at IS NULL AND emails @> ARRAY[lower($2)] LIMIT $3)
           ) c
         UNION ALL
         SELECT 'INTERACTION', i.id, left(i.summary, 120),
                ts_headline('english', ${escaped('i.summary')}, websearch_to_tsquery('english', $2), '${MARKS}, MaxFragments=2, MaxWords=18, MinWords=6'),
                (0.3 + 0.6 * ts_rank(${DOCUMENT}, websearch_to_tsquery('english', $2)))::float
           FROM (
             SELECT * FROM interaction
              WHERE workspace_id = $1 AND ${DOCUMENT} @@ websearch_to_tsquery('english', $2)
              ORDER BY occurred_at DESC LIMIT $3
           ) i
       ) hits
       ORDER BY score DESC, kind, id
       LIMIT $3`;
    const rows: SearchHit[] = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL pg_trgm.word_similarity_threshold = ${WORD_SIMILARITY}`);
      return manager.query(sql, [this.context.currentWorkspaceId(), text, limit]);
    });
    return rows;
  }
}
