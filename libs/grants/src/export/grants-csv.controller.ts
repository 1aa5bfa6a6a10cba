import { Account, Contact, csvDownloadHeaders, exportArgs, writeCsvPages } from '@greenlight/crm';
import { ApiKeys, SignedIn, WorkspaceScope } from '@greenlight/identity';
import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AccessGrant } from '../grants/access-grant.entity';
import { GrantsArgs, GrantSortField } from '../grants/grant.inputs';
import { GrantsService } from '../grants/grants.service';
import { GrantUsageFigures, GrantUsageReader } from '../usage/grant-usage';

interface GrantLine {
  grant: AccessGrant;
  usage: GrantUsageFigures;
  subjectName: string | null;
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/**
 * `GET /v1/grants.csv?filter={…}&sortBy=EXPIRES_ON&sortDirection=ASC`: the grants of the `grants`
 * query with the same filter and order, each with its use so far.
 */
@Controller('v1')
export class GrantsCsvController {
  constructor(
    private readonly grants: GrantsService,
    private readonly usage: GrantUsageReader,
    private readonly scope: WorkspaceScope,
  ) {}

  @SignedIn()
  @ApiKeys('read')
  @Get('grants.csv')
  async export(@Query() query: Record<string, string>, @Res() response: Response): Promise<void> {
    const args = exportArgs(GrantsArgs, query, GrantSortField);
    await writeCsvPages(
      async (page) => {
        const connection = await this.grants.list({ ...args, ...page });
        const lines = await this.lines(connection.edges.map((edge) => edge.node));
        return { ...connection, edges: connection.edges.map((edge, index) => ({ ...edge, node: lines[index] })) };
      },
      ({ grant, usage, subjectName }) => ({
        id: grant.id,
        subjectKind: grant.subjectKind,
        subject: subjectName,
        accountId: grant.accountId,
        contactId: grant.contactId,
        status: grant.status,
        seats: grant.seats,
        creditUnit: grant.creditUnit,
        creditLimit: grant.creditLimit,
        creditsUsed: usage.creditsUsed,
        creditsUsedEstimated: yesNo(usage.creditsUsedEstimated),
        creditsLeft: usage.creditsLeft,
        firstUseOn: usage.firstUseOn,
        lastUseOn: usage.lastUseOn,
        activated: yesNo(usage.activated),
        dormant: yesNo(usage.dormant),
        modelTier: grant.modelTier,
        models: grant.models.join('; '),
        startsOn: grant.startsOn,
        expiresOn: grant.expiresOn,
        approvedById: grant.approvedById,
        pilotId: grant.pilotId,
        notes: grant.notes,
        createdAt: grant.createdAt.toISOString(),
      }),
      response,
      () => csvDownloadHeaders(response, 'grants'),
    );
  }

  /** One page of grants with their use and the name of the account or person given access. */
  private async lines(grants: AccessGrant[]): Promise<GrantLine[]> {
    const [usage, accounts, contacts] = await Promise.all([
      this.usage.of(grants),
      this.scope.repository(Account, 'Account').findByIds(grants.flatMap((g) => g.accountId ?? [])),
      this.scope.repository(Contact, 'Contact').findByIds(grants.flatMap((g) => g.contactId ?? [])),
    ]);
    const names = new Map([...accounts, ...contacts].map((subject) => [subject.id, subject.name]));
    return grants.map((grant) => ({
      grant,
      usage: usage.get(grant.id)!,
      subjectName: names.get(grant.accountId ?? grant.contactId ?? '') ?? null,
    }));
  }
}
