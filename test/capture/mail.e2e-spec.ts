import { createServer } from 'node:net';
import { createTransport, Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { bearer, createWorkspace, signIn, WorkspaceFixture } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createApiKey } from '../telemetry/support';
import { Receiver } from '../webhooks/receiver';
import { CREATE_ENDPOINT } from '../webhooks/support';

const DOMAIN = 'capture.greenlight.test';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('e-mail capture', () => {
  let api: TestApp;
  let db: DataSource;
  let smtp: Transporter;
  let workspace: WorkspaceFixture;
  let auth: Record<string, string>;
  let bcc: string;
  const gql = async <T = any>(
    query: string,
    variables: Record<string, unknown> = {},
    headers = auth,
  ): Promise<T> => {
    const response = await api.graphql<T>(query, variables, headers);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!;
  };
  const captured = (messageId: string) =>
    db.query(
      `SELECT c.thread_key, c.attachments, c.notes, i.id, i.kind, i.summary,
              (SELECT count(*)::int FROM interaction_member m WHERE m.workspace_id = i.workspace_id AND m.interaction_id = i.id) AS members
         FROM captured_item c JOIN interaction i ON i.workspace_id = c.workspace_id AND i.id = c.interaction_id
        WHERE c.source = 'email' AND c.external_id = $1`,
      [messageId],
    );

  beforeAll(async () => {
    const port = await freePort();
    api = await startTestApp({
      SMTP_PORT: String(port),
      SMTP_HOST: '127.0.0.1',
      SMTP_DOMAIN: DOMAIN,
      SMTP_MAX_MESSAGE_BYTES: String(256 * 1024),
      WEBHOOK_ALLOW_PRIVATE: 'true',
    });
    db = api.app.get(DataSource);
    smtp = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true });
    workspace = await createWorkspace(api, 'Greenlight');
    auth = bearer((await signIn(api, workspace.members.PARTNERSHIPS.email)).accessToken);
    const { createAccount } = await gql(
      `mutation { createAccount(input: { name: "Northlight", kind: STUDIO, domains: ["northlight.example"] }) { id } }`,
    );
    await gql(
      `mutation ($account: ID!) { createContact(input: { name: "Dana Whitfield", kind: EXECUTIVE, emails: ["dana@northlight.example"], accountId: $account }) { id } }`,
      {
        account: createAccount.id,
      },
    );
    bcc = (await gql(`{ captureSettings { bccAddress smtpListening } }`)).captureSettings.bccAddress;
  });
  afterAll(async () => {
    smtp?.close();
    await api?.close();
  });

  it('gives each member a private BCC address at SMTP_DOMAIN', async () => {
    expect(bcc).toMatch(new RegExp(`^log\\+[0-9a-f]{30}@${DOMAIN.replace(/\./g, '\\.')}$`));
    expect((await gql(`{ captureSettings { bccAddress smtpListening } }`)).captureSettings).toEqual({
      bccAddress: bcc,
      smtpListening: true,
    });
  });

  it('logs a BCC message sent by a real SMTP client as an e-mail interaction: subject, first lines, participants, attachments', async () => {
    const info = await smtp.sendMail({
      from: 'Partnerships <partnerships@greenlight.test>',
      to: 'Dana Whitfield <dana@northlight.example>',
      bcc,
      subject: 'Dubbing pilot: next steps',
      messageId: '<pilot-1@greenlight.test>',
      text: 'Hi Dana,\n\nThanks for the call today.\nAttached are the render quotas.\n\nBest,\nP\n> quoted history\n',
      attachments: [{ filename: 'quotas.pdf', content: Buffer.alloc(2048, 1) }],
    });
    expect(info.response).toMatch(/^250 Logged: logged/);
    const [row] = await captured('<pilot-1@greenlight.test>');
    expect(row).toMatchObject({
      kind: 'email',
      summary: 'Dubbing pilot: next steps',
      thread_key: '<pilot-1@greenlight.test>',
      attachments: [{ name: 'quotas.pdf', size: 2048 }],
      members: 1,
    });
    expect(row.notes).toBe('Hi Dana,\nThanks for the call today.\nAttached are the render quotas.\nBest,\nP');
    const { interaction } = await gql(
      `query ($id: ID!) { interaction(id: $id) { kind accounts { name } contacts { name } capture { source attachments { name size } } } }`,
      {
        id: row.id,
      },
    );
    expect(interaction).toEqual({
      kind: 'EMAIL',
      accounts: [{ name: 'Northlight' }],
      contacts: [{ name: 'Dana Whitfield' }],
      capture: { source: 'EMAIL', attachments: [{ name: 'quotas.pdf', size: 2048 }] },
    });
  });

  it('tells webhook endpoints of a captured e-mail with interaction.logged, saying it was captured from e-mail', async () => {
    const receiver = await Receiver.start();
    try {
      const admin = bearer((await signIn(api, workspace.members.ADMIN.email)).accessToken);
      const { createWebhookEndpoint } = await gql(
        CREATE_ENDPOINT,
        { input: { url: receiver.url, eventTypes: ['INTERACTION_LOGGED'] } },
        admin,
      );
      receiver.secret = createWebhookEndpoint.secret;
      await smtp.sendMail({
        from: 'Partnerships <partnerships@greenlight.test>',
        to: 'Dana Whitfield <dana@northlight.example>',
        bcc,
        subject: 'Dubbing pilot: the contract',
        messageId: '<hooked-1@greenlight.test>',
        text: 'Hi Dana,\n\nThe contract is attached.\n',
      });
      const [row] = await captured('<hooked-1@greenlight.test>');
      const payloadOf = (entry: { body: string }) => JSON.parse(entry.body) as { data: Record<string, unknown> };
      await receiver.waitFor(
        () => receiver.received.some((entry) => payloadOf(entry).data.interactionId === row.id),
        'the captured interaction',
      );
      const payload = payloadOf(receiver.received.find((entry) => payloadOf(entry).data.interactionId === row.id)!);
      expect(payload).toMatchObject({
        type: 'interaction.logged',
        data: {
          interactionId: row.id,
          kind: 'email',
          summary: 'Dubbing pilot: the contract',
          accountIds: [expect.any(String)],
          contactIds: [expect.any(String)],
          memberIds: [workspace.members.PARTNERSHIPS.memberId],
          capturedFrom: 'email',
        },
      });
      await gql('mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) }', { id: createWebhookEndpoint.endpoint.id }, admin);
    } finally {
      await receiver.close();
    }
  });

  it("keeps one interaction for a message BCC'd twice, by two members, and threads the replies", async () => {
    const admin = bearer((await signIn(api, workspace.members.ADMIN.email)).accessToken);
    const adminBcc = (await gql(`{ captureSettings { bccAddress } }`, {}, admin)).captureSettings.bccAddress;
    const message = {
      from: 'partnerships@greenlight.test',
      to: 'dana@northlight.example',
      subject: 'Dubbing pilot: next steps',
      messageId: '<pilot-1@greenlight.test>',
      text: 'Hi Dana',
    };
    expect((await smtp.sendMail({ ...message, bcc })).response).toMatch(/^250 Logged: duplicate/);
    await smtp.sendMail({ ...message, bcc: adminBcc });
    const rows = await captured('<pilot-1@greenlight.test>');
    expect(rows).toHaveLength(1);
    expect(rows[0].members).toBe(2);

    await smtp.sendMail({
      from: 'dana@northlight.example',
      to: 'partnerships@greenlight.test',
      bcc,
      subject: 'Re: Dubbing pilot: next steps',
      messageId: '<reply-1@northlight.example>',
      inReplyTo: '<pilot-1@greenlight.test>',
      references: ['<pilot-1@greenlight.test>'],
      text: 'Sounds good.',
    });
    await smtp.sendMail({
      from: 'partnerships@greenlight.test',
      to: 'dana@northlight.example',
      bcc,
      subject: 'Re: Re: Dubbing pilot: next steps',
      messageId: '<reply-2@greenlight.test>',
      inReplyTo: '<reply-1@northlight.example>',
      text: 'Great.',
    });
    expect((await captured('<reply-1@northlight.example>'))[0].thread_key).toBe('<pilot-1@greenlight.test>');
    expect((await captured('<reply-2@greenlight.test>'))[0].thread_key).toBe('<pilot-1@greenlight.test>');
  });

  it('refuses an unknown token at RCPT with 550 and a message over the size limit with 552', async () => {
    await expect(
      smtp.sendMail({
        from: 'a@greenlight.test',
        to: `log+${'0'.repeat(30)}@${DOMAIN}`,
        subject: 'x',
        text: 'x',
      }),
    ).rejects.toMatchObject({ responseCode: 550, response: expect.stringContaining('No such BCC address') });
    await expect(
      smtp.sendMail({
        from: 'a@greenlight.test',
        to: 'dana@northlight.example',
        bcc,
        subject: 'big',
        text: 'x'.repeat(300 * 1024),
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    await expect(
      smtp.sendMail({
        envelope: { from: 'a@greenlight.test', to: [bcc] },
        raw: 'Subject: no sender\r\n\r\nhello\r\n',
      }),
    ).rejects.toMatchObject({ responseCode: 554, response: expect.stringContaining('no sender') });
  });

  it('bounds a mail bomb of 1,000 recipients and queues an unmatched message for review, where accepting logs it', async () => {
    const crowd = Array.from({ length: 1000 }, (_, i) => `person${i}@crowd.example`);
    const bomb = await smtp.sendMail({
      from: 'spam@crowd.example',
      to: crowd,
      bcc,
      subject: 'Hello all',
      messageId: '<bomb@crowd.example>',
      text: 'x',
    });
    expect(bomb.response).toContain('the message has 1001 participants: the first 100 were kept');
    const { captureReviewQueue } = await gql(
      `{ captureReviewQueue { id kind label message { from participants subject } } }`,
    );
    const queued = captureReviewQueue.find((entry: any) => entry.label === 'Hello all');
    expect(queued).toMatchObject({
      kind: 'MESSAGE',
      message: { from: 'spam@crowd.example', subject: 'Hello all' },
    });
    expect(queued.message.participants).toHaveLength(100);
    const { acceptCaptureSuggestions } = await gql(
      `mutation ($ids: [ID!]!) { acceptCaptureSuggestions(ids: $ids) { status interactionId } }`,
      {
        ids: [queued.id],
      },
    );
    expect(acceptCaptureSuggestions).toEqual([{ status: 'accepted', interactionId: expect.any(String) }]);
    expect(await captured('<bomb@crowd.example>')).toHaveLength(1);
  });

  it('takes raw MIME on the HTTP route with a mail:write key, for its own workspace only', async () => {
    const admin = (await signIn(api, workspace.members.ADMIN.email)).accessToken;
    const key = await createApiKey(api, admin, ['MAIL_WRITE']);
    const raw = [
      'From: Dana Whitfield <dana@northlight.example>',
      'To: partnerships@greenlight.test',
      `Bcc: ${bcc}`,
      'Subject: Contract draft',
      'Message-ID: <contract@northlight.example>',
      'Date: Thu, 03 Dec 2026 16:00:00 +0000',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Draft attached.',
      '',
    ].join('\r\n');
    const post = (body: string, headers: Record<string, string>, query = '') =>
      fetch(`${api.baseUrl}/v1/capture/mail${query}`, {
        method: 'POST',
        headers: { 'content-type': 'message/rfc822', ...headers },
        body,
      });

    const response = await post(raw, bearer(key));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      results: [{ outcome: 'logged', interactionId: expect.any(String), notes: [] }],
    });

    const other = await createWorkspace(api, 'Elsewhere');
    const otherKey = await createApiKey(api, (await signIn(api, other.members.ADMIN.email)).accessToken, [
      'MAIL_WRITE',
    ]);
    const foreign = await post(
      raw.replace('contract@', 'contract-2@'),
      bearer(otherKey),
      `?recipient=${encodeURIComponent(bcc)}`,
    );
    expect(foreign.status).toBe(422);
    expect(await captured('<contract-2@northlight.example>')).toEqual([]);

    const malformed = await post('this is not a message', bearer(key));
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).message).toContain('no sender');
    expect((await post(raw, { ...bearer(key), 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('gives no address to a read-only member, and stops delivering to a member once deactivated', async () => {
    const executive = bearer((await signIn(api, workspace.members.EXECUTIVE.email)).accessToken);
    expect(
      (await gql(`{ captureSettings { bccAddress } }`, {}, executive)).captureSettings.bccAddress,
    ).toBeNull();
    const manager = bearer((await signIn(api, workspace.members.ACCOUNT_MANAGER.email)).accessToken);
    const managerBcc = (await gql(`{ captureSettings { bccAddress } }`, {}, manager)).captureSettings
      .bccAddress;
    const message = { from: 'dana@northlight.example', to: managerBcc, subject: 'Notes', text: 'Notes.' };
    await expect(smtp.sendMail(message)).resolves.toMatchObject({ accepted: [managerBcc] });
    const admin = bearer((await signIn(api, workspace.members.ADMIN.email)).accessToken);
    await gql(
      `mutation ($id: ID!) { deactivateMember(memberId: $id) { id } }`,
      { id: workspace.members.ACCOUNT_MANAGER.memberId },
      admin,
    );
    await expect(smtp.sendMail(message)).rejects.toMatchObject({
      responseCode: 550,
      response: expect.stringContaining('No such BCC address'),
    });
  });
});
