import { TenantSql } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
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

/**
 * One ranked search across accounts, contacts and interactions. Names match by trigram word
 * similarity (so "Meridan" finds "Meridian Studios"), interactions by full-text search of their notes.
 */
@Injectable()
export class SearchService {
  constructor(private readonly db: TenantSql) {}

  async search(query: string, limit: number): Promise<SearchHit[]> {
    const text = query.trim();
    if (!text) return [];
    return this.db.query<SearchHit>(searchSql.search(text, limit));
  }
}
