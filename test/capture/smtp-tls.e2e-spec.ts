import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTransport } from 'nodemailer';
import { DataSource } from 'typeorm';
import { bearer, createWorkspace, signIn } from '../identity/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A self-signed certificate for localhost and 127.0.0.1, as PEM files in `dir`. */
function selfSigned(dir: string): { certFile: string; keyFile: string } {
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
    '-keyout', keyFile, '-out', certFile, '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ], { stdio: 'ignore' }); // prettier-ignore
  return { certFile, keyFile };
}

describe('SMTP listener with STARTTLS', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'greenlight-smtp-tls-'));
  const { certFile, keyFile } = selfSigned(dir);
  let api: TestApp;
  let db: DataSource;
  let port: number;
  let bcc: string;
  const logged = async (messageId: string) =>
    (
      await db.query(`SELECT count(*)::int AS n FROM captured_item WHERE source = 'email' AND external_id = $1`, [
        messageId,
      ])
    )[0].n;
  const message = (id: string) => ({
    from: 'Partnerships <partnerships@greenlight.test>',
    to: 'Dana Whitfield <dana@northlight.example>',
    bcc,
    subject: 'Dubbing pilot over TLS',
    messageId: `<${id}@greenlight.test>`,
    text: 'Hi Dana,\n\nthe quotas, as promised.',
  });

  beforeAll(async () => {
    port = await freePort();
    api = await startTestApp({
      SMTP_PORT: String(port),
      SMTP_HOST: '127.0.0.1',
      SMTP_DOMAIN: 'tls.greenlight.test',
      SMTP_TLS_CERT_FILE: certFile,
      SMTP_TLS_KEY_FILE: keyFile,
    });
    db = api.app.get(DataSource);
    const workspace = await createWorkspace(api, 'Greenlight');
    const auth = bearer((await signIn(api, workspace.members.PARTNERSHIPS.email)).accessToken);
    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const response = await api.graphql<any>(query, variables, auth);
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      return response.data;
    };
    const { createAccount } = await gql(
      `mutation { createAccount(input: { name: "Northlight", kind: STUDIO, domains: ["northlight.example"] }) { id } }`,
    );
    await gql(
      `mutation ($account: ID!) { createContact(input: { name: "Dana Whitfield", kind: EXECUTIVE, emails: ["dana@northlight.example"], accountId: $account }) { id } }`,
      { account: createAccount.id },
    );
    bcc = (await gql(`{ captureSettings { bccAddress } }`)).captureSettings.bccAddress;
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('upgrades with STARTTLS for a client that requires TLS and trusts the certificate, and logs the message', async () => {
    const smtp = createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      requireTLS: true,
      tls: { ca: readFileSync(certFile), servername: 'localhost' },
    });
    const info = await smtp.sendMail(message('tls-1'));
    smtp.close();
    expect(info.response).toMatch(/^250 Logged: logged/);
    expect(await logged('<tls-1@greenlight.test>')).toBe(1);
  });

  it('presents the configured certificate: a client that does not trust it stops before sending anything', async () => {
    const smtp = createTransport({ host: '127.0.0.1', port, secure: false, requireTLS: true });
    await expect(smtp.sendMail(message('tls-2'))).rejects.toThrow(/self[- ]signed certificate/i);
    smtp.close();
    expect(await logged('<tls-2@greenlight.test>')).toBe(0);
  });
});
