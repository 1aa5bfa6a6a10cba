import { InvalidInputException, textProblem } from '@greenlight/common';
import { AuditService, memberIdOf, TenantContext, TenantSql } from '@greenlight/identity';
import { Injectable } from '@nestjs/common';
import { CsvError, parse } from 'csv-parse';
import { randomUUID } from 'node:crypto';
import { pipeline, Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { StagesService } from '../stages/stages.service';
import { writeAccounts } from './account-rows';
import { writeContacts } from './contact-rows';
import { restoreFormula } from './formula-cells';
import { IMPORT_KINDS, ImportKind, mapHeaders } from './csv-columns';
import { ImportReport, MAX_REPORTED_ERRORS } from './import-report';
import { writeInteractions } from './interaction-rows';
import { BatchWriter, ImportSql, SourceRow } from './row-writers';

const WRITERS: Record<ImportKind, BatchWriter> = {
  accounts: writeAccounts,
  contacts: writeContacts,
  interactions: writeInteractions,
};
const BATCH_SIZE = 1000;

interface ImportOptions {
  dryRun?: boolean;
  /** Called after every batch with the rows read so far. */
  onProgress?: (report: ImportReport) => void;
}

/**
 * Imports a CSV file as a stream, a thousand rows at a time, each batch in its own transaction:
 * a bad row is reported by line and skipped, the valid ones are kept, and the file is never held
 * in memory whole. Accounts upsert by domain or name, contacts by e-mail.
 */
@Injectable()
export class CsvImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly context: TenantContext,
    private readonly audit: AuditService,
    private readonly stages: StagesService,
    private readonly db: TenantSql,
  ) {}

  async import(kind: string, input: Readable, options: ImportOptions = {}): Promise<ImportReport> {
    if (!IMPORT_KINDS.includes(kind as ImportKind)) {
      throw InvalidInputException.field('kind', `kind must be one of: ${IMPORT_KINDS.join(', ')}`);
    }
    const writer = WRITERS[kind as ImportKind];
    const memberId = memberIdOf(this.context.principal());
    const importId = randomUUID();
    const report: ImportReport = {
      kind,
      dryRun: Boolean(options.dryRun),
      rows: 0,
      created: 0,
      updated: 0,
      failed: 0,
      errors: [],
      ignoredColumns: [],
    };

    let fields: (string | undefined)[] | undefined;
    // pipeline, not pipe: an error of the input (too large, cut short) ends the reading below
    const parser = pipeline(
      input,
      parse({
        bom: true,
        skip_empty_lines: true,
        relax_column_count: true,
        trim: true,
        info: true,
        max_record_size: 1_000_000,
      }),
      () => undefined,
    );
    let batch: SourceRow[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const rows = batch;
      batch = [];
      const result = await this.dataSource.transaction(async (manager) => {
        const query: ImportSql = (statement) => this.db.query(statement, manager);
        const outcome = await writer({ manager, query, memberId, dryRun: report.dryRun, stages: this.stages }, rows);
        if (!report.dryRun && outcome.created + outcome.updated > 0) {
          await this.audit.record(
            {
              entity: 'import',
              entityId: importId,
              action: `import_${kind}`,
              after: {
                firstLine: rows[0].line,
                lastLine: rows.at(-1)!.line,
                created: outcome.created,
                updated: outcome.updated,
              },
            },
            manager,
          );
        }
        return outcome;
      });
      report.created += result.created;
      report.updated += result.updated;
      report.failed += result.errors.length;
      for (const error of result.errors)
        if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push(error);
      options.onProgress?.(report);
    };

    try {
      for await (const { record, info } of parser as AsyncIterable<{
        record: string[];
        info: { lines: number };
      }>) {
        if (!fields) {
          const mapped = mapHeaders(kind as ImportKind, record);
          fields = mapped.fields;
          report.ignoredColumns = mapped.ignored;
          if (!fields.some(Boolean))
            throw InvalidInputException.field('file', `no column of the header matches a field of ${kind}`);
          continue;
        }
        const cells: Record<string, string> = {};
        record.forEach((value, index) => {
          const field = fields![index];
          if (field && value !== '') cells[field] = restoreFormula(value);
        });
        report.rows++;
        // text PostgreSQL cannot store (NUL) fails its row here, naming the column
        const bad = Object.keys(cells).find((field) => textProblem(cells[field]));
        if (bad) {
          report.failed++;
          if (report.errors.length < MAX_REPORTED_ERRORS)
            report.errors.push({
              line: info.lines,
              field: bad,
              message: `${bad} ${textProblem(cells[bad])}`,
            });
          continue;
        }
        batch.push({ line: info.lines, cells });
        if (batch.length >= BATCH_SIZE) await flush();
      }
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      if (!fields)
        throw InvalidInputException.field('file', `the file is not valid CSV: ${(error as Error).message}`);
      // Rows before the broken one are kept; reading stops there.
      const line = (error as { lines?: number }).lines ?? report.rows + 1;
      report.failed++;
      report.errors.push({ line, field: 'file', message: `reading stopped: ${(error as Error).message}` });
    }
    await flush();
    report.errors.sort((a, b) => a.line - b.line);
    return report;
  }
}
