import { TenantSql } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { searchSql } from '../sql/search.sql';

export type SearchKind = 'ACCOUNT' | 'CONTACT' | 'INTERACTION';

export interface SearchHit {
  kind: SearchKind;
  id: string;
  title: string;
  /** HTML-escaped text with the matching words in <mark>…</mark>. */
  snippet: string;
  score: number;
}

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
    private readonly db: TenantSql,
  ) {}

  async search(query: string, limit: number): Promise<SearchHit[]> {
    const text = query.trim();
    if (!text) return [];
    const rows = await this.dataSource.transaction(async (manager) => {
      await this.db.query(searchSql.wordSimilarity(WORD_SIMILARITY), manager);
      return this.db.query<SearchHit>(searchSql.search(text, limit), manager);
    });
    return rows;
  }
}
