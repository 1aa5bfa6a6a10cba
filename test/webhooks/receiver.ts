import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  timestamp: string;
  body: string;
  /** Verified with the standardwebhooks package and the secret in force (null: no secret yet). */
  verified: boolean;
  answered: number | 'no answer';
}

export type Answer = number | 'hang';

/**
 * A local webhook receiver: answers each request with the next planned answer (then 200), and
 * verifies every signature with the `standardwebhooks` package, as a customer would.
 */
export class Receiver {
  readonly received: Received[] = [];
  /** Requests being answered (or hanging) now, and the most there were at once. */
  open = 0;
  mostOpen = 0;
  secret: string | null = null;
  private plan: Answer[] = [];
  private server!: Server;
  private readonly hanging = new Set<ServerResponse>();
  url = '';

  static async start(): Promise<Receiver> {
    const receiver = new Receiver();
    receiver.server = createServer((request, response) => receiver.handle(request, response));
    receiver.server.keepAliveTimeout = 1;
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hooks`;
    return receiver;
  }

  /** The next requests' answers, in order; 'hang' never answers. */
  answer(...plan: Answer[]): void {
    this.plan.push(...plan);
  }

  succeeded(): Received[] {
    return this.received.filter((entry) => entry.answered === 200);
  }

  async waitFor(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > until)
        throw new Error(`the receiver did not see ${what} (got ${this.received.length} requests)`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    this.mostOpen = Math.max(this.mostOpen, ++this.open);
    response.once('close', () => this.open--);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verified = false;
      try {
        if (this.secret) {
          new Webhook(this.secret).verify(body, request.headers as Record<string, string>);
          verified = true;
        }
      } catch {
        verified = false;
      }
      const answer = this.plan.shift() ?? 200;
      this.received.push({
        id: String(request.headers['webhook-id']),
        timestamp: String(request.headers['webhook-timestamp']),
        body,
        verified,
        answered: answer === 'hang' ? 'no answer' : answer,
      });
      if (answer === 'hang') {
        this.hanging.add(response);
        return;
      }
      response.writeHead(answer, { 'content-type': 'text/plain' }).end(answer === 200 ? 'ok' : 'not now');
    });
  }
}
