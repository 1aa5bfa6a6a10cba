import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { WebhookFormat } from '../endpoints/webhook-event-type';

/** A fresh signing secret in the Standard Webhooks form: `whsec_` and 24 random bytes in base64. */
export function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** The body an endpoint receives for an event payload, in the endpoint's format. */
export function bodyOf(payload: Record<string, unknown>, format: WebhookFormat): string {
  return JSON.stringify(format === WebhookFormat.SLACK ? slackMessage(payload) : payload);
}

/** The signed headers of one attempt; `id` is the delivery's, the same on every retry. */
export function signedHeaders(
  secret: string,
  id: string,
  body: string,
  at = new Date(),
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'Greenlight-Webhooks/1',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
}

/** A Slack incoming-webhook message (`{ text }`) for an alert event. */
export function slackMessage(payload: Record<string, unknown>): { text: string } {
  const data = (payload.data ?? {}) as Record<string, unknown>;
  const severity = String(data.severity ?? '').toUpperCase();
  const what = String(data.message ?? data.kind ?? 'an alert');
  const text =
    payload.type === 'alert.resolved'
      ? `:white_check_mark: Alert resolved: ${what}`
      : `:rotating_light: ${severity ? `${severity} alert` : 'Alert'}: ${what}`;
  return { text: `${text} (account ${String(data.accountId ?? '?')})` };
}

/** Retries stop this long after the delivery was created; the endpoint is disabled after failing this long. */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
const MAX_DELAY_SECONDS = 4 * 60 * 60;

/**
 * Seconds before attempt `attempt + 1` after `attempt` failed: `base` doubled each time (up to
 * 4 h), of which a random half is taken off (jitter), so retries of many deliveries spread out.
 */
export function retryDelaySeconds(attempt: number, base: number, random: () => number = Math.random): number {
  const ceiling = Math.min(base * 2 ** Math.max(0, attempt - 1), MAX_DELAY_SECONDS);
  return ceiling / 2 + (random() * ceiling) / 2;
}
