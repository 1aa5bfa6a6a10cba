import { AppConfig } from '@greenlight/config';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerAddress, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { MailCaptureService, MailRecipient, MalformedMessage } from './mail-capture.service';

/** BCC addresses accepted in one message (each is a member of some workspace). */
const MAX_RECIPIENTS = 20;

const refusal = (responseCode: number, message: string) =>
  Object.assign(new Error(message), { responseCode });

/**
 * The SMTP listener for members' BCC addresses (on SMTP_PORT; off when unset). Unknown addresses
 * are refused at RCPT with 550, messages over SMTP_MAX_MESSAGE_BYTES with 552, unreadable ones
 * with 554; STARTTLS is offered when a certificate is configured. A message is answered 250 only
 * once it is committed, so a sender whose connection breaks sends it again and nothing is lost
 * (a second delivery is recognised by its Message-ID).
 */
@Injectable()
export class SmtpListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SmtpListener.name);
  private server?: SMTPServer;

  constructor(
    private readonly config: AppConfig,
    private readonly mail: MailCaptureService,
  ) {}

  /** The port listened on (tests listen on port 0), or null when off. */
  get port(): number | null {
    const address = this.server?.server.address() as AddressInfo | null | undefined;
    return address?.port ?? null;
  }

  async onApplicationBootstrap(): Promise<void> {
    const { port, host, domain, maxMessageBytes, tls } = this.config.capture.smtp;
    if (port === null) return;
    this.server = new SMTPServer({
      name: domain,
      banner: 'Greenlight: mail to your log+ address is logged in the CRM',
      size: maxMessageBytes,
      authOptional: true,
      disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      ...(tls ? { key: readFileSync(tls.keyFile), cert: readFileSync(tls.certFile) } : {}),
      logger: false,
      maxClients: 200,
      closeTimeout: 5000,
      onRcptTo: (address, session, callback) => {
        this.acceptRecipient(address, session).then(() => callback(), callback);
      },
      onData: (stream, session, callback) => {
        this.receive(stream, session).then((answer) => callback(null, answer), callback);
      },
    });
    this.server.on('error', (error) => this.logger.warn(`SMTP listener: ${error.message}`));
    await new Promise<void>((resolve, reject) => {
      this.server!.server.once('error', reject);
      this.server!.listen(port, host, () => {
        this.server!.server.off('error', reject);
        resolve();
      });
    });
    this.logger.log(`SMTP listener on ${host}:${this.port} for log+…@${domain}${tls ? ' (STARTTLS)' : ''}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async acceptRecipient(address: SMTPServerAddress, session: SMTPServerSession): Promise<void> {
    if (session.envelope.rcptTo.length >= MAX_RECIPIENTS)
      throw refusal(452, `Too many recipients: at most ${MAX_RECIPIENTS} BCC addresses per message`);
    let recipient: MailRecipient | null;
    try {
      recipient = await this.mail.recipientOf(address.address);
    } catch {
      throw refusal(451, 'Temporary failure looking up the address: try again later');
    }
    if (!recipient) throw refusal(550, `No such BCC address: ${address.address}`);
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const { maxMessageBytes } = this.config.capture.smtp;
    if (stream.sizeExceeded) throw refusal(552, `Message larger than ${maxMessageBytes} bytes`);
    try {
      const recipients = (
        await Promise.all(session.envelope.rcptTo.map((rcpt) => this.mail.recipientOf(rcpt.address)))
      ).filter((recipient): recipient is MailRecipient => recipient !== null);
      const message = await this.mail.parse(Buffer.concat(chunks));
      const results = await this.mail.capture(message, recipients);
      const notes = [...new Set(results.flatMap((result) => result.notes))];
      return `Logged: ${results.map((result) => result.outcome).join(', ')}${notes.length ? ` (${notes.join('; ')})` : ''}`;
    } catch (error) {
      if (error instanceof MalformedMessage) throw refusal(554, error.message);
      this.logger.warn(`a BCC message could not be stored: ${(error as Error).message}`);
      throw refusal(451, 'Temporary failure storing the message: try again later');
    }
  }
}
