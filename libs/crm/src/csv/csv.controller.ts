import { InvalidInputException } from '@greenlight/common';
import { ApiKeys, Role, Roles, SignedIn } from '@greenlight/identity';
import {
  Controller,
  Get,
  HttpCode,
  Param,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { Transform } from 'node:stream';
import { AccountSortField, AccountsArgs } from '../accounts/account.inputs';
import { ContactSortField, ContactsArgs } from '../contacts/contact.inputs';
import { InteractionsArgs, InteractionSortField } from '../interactions/interaction.inputs';
import { TasksArgs, TaskSortField } from '../tasks/task.inputs';
import { csvDownloadHeaders, exportArgs } from './csv-export-helpers';
import { CsvExportService, EXPORT_KINDS, ExportKind } from './csv-export.service';
import { CsvImportService } from './csv-import.service';
import { ImportReport } from './import-report';

/** The GraphQL sort-field names (`CREATED_AT`) accepted in the query string, by kind. */
const SORT_FIELDS: Partial<Record<ExportKind, Record<string, string>>> = {
  accounts: AccountSortField,
  contacts: ContactSortField,
  interactions: InteractionSortField,
  tasks: TaskSortField,
};

/** `true`/`false`, `1`/`0` in any case; absent is false; anything else is refused, not guessed. */
function booleanQuery(name: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (/^(true|1)$/i.test(value)) return true;
  if (/^(false|0)$/i.test(value)) return false;
  throw InvalidInputException.field(name, `${name} must be true or false (or 1 or 0)`);
}

const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
const ARGS: Record<ExportKind, new () => object> = {
  accounts: AccountsArgs,
  contacts: ContactsArgs,
  interactions: InteractionsArgs,
  tasks: TasksArgs,
};

/** CSV in and out for people: `POST /v1/imports/:kind` (the file as the body) and `GET /v1/exports/:kind`. */
@Controller('v1')
export class CsvController {
  constructor(
    private readonly imports: CsvImportService,
    private readonly exports: CsvExportService,
  ) {}

  @Roles(Role.ADMIN, Role.PARTNERSHIPS, Role.ACCOUNT_MANAGER)
  @Post('imports/:kind')
  @HttpCode(200)
  async import(
    @Param('kind') kind: string,
    @Query('dryRun') dryRun: string | undefined,
    @Req() request: Request,
  ): Promise<ImportReport> {
    const type = request.headers['content-type'] ?? '';
    if (!/^(text\/csv|text\/plain|application\/csv|application\/octet-stream)\b/i.test(type)) {
      throw new UnsupportedMediaTypeException(
        'Send the file as the request body with Content-Type: text/csv',
      );
    }
    let received = 0;
    // the request is piped (not destroyed when the limit is passed, so the 413 still reaches the
    // client), and its own errors end the reading
    request.on('error', (error) => limited.destroy(error));
    const limited = request.pipe(
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          received += chunk.length;
          if (received > MAX_UPLOAD_BYTES)
            done(
              new PayloadTooLargeException(
                `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB: split it`,
              ),
            );
          else done(null, chunk);
        },
      }),
    );
    return this.imports.import(kind, limited, { dryRun: booleanQuery('dryRun', dryRun) });
  }

  @SignedIn()
  @ApiKeys('read')
  @Get('exports/:kind')
  async export(
    @Param('kind') file: string,
    @Query() query: Record<string, string>,
    @Res() response: Response,
  ): Promise<void> {
    const kind = file.replace(/\.csv$/, '') as ExportKind;
    if (!EXPORT_KINDS.includes(kind))
      throw InvalidInputException.field('kind', `kind must be one of: ${EXPORT_KINDS.join(', ')}`);
    const args = exportArgs(ARGS[kind], query, SORT_FIELDS[kind]);
    await this.exports.export(kind, args as Record<string, unknown>, response, () =>
      csvDownloadHeaders(response, kind),
    );
  }
}
