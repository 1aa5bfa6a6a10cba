import { Webhook } from 'standardwebhooks';
import { WebhookFormat } from '../endpoints/webhook-event-type';
import { bodyOf, newSecret, retryDelaySeconds, signedHeaders, slackMessage } from './message';

describe('webhook messages', () => {
  it('signs so that the standardwebhooks package verifies, with the delivery id as webhook-id', () => {
    const secret = newSecret();
    const body = bodyOf(
      { type: 'grant.changed', version: 1, id: 'e1', data: { grantId: 'g1' } },
      WebhookFormat.STANDARD,
    );
    const headers = signedHeaders(secret, 'delivery-1', body);
    expect(headers['webhook-id']).toBe('delivery-1');
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newSecret()).verify(body, headers)).toThrow();
  });

  it('writes alerts as Slack messages', () => {
    expect(
      slackMessage({
        type: 'alert.opened',
        data: { severity: 'critical', message: 'Usage fell 80%', accountId: 'a1' },
      }),
    ).toEqual({ text: ':rotating_light: CRITICAL alert: Usage fell 80% (account a1)' });
    expect(
      slackMessage({ type: 'alert.resolved', data: { message: 'Usage fell', accountId: 'a1' } }).text,
    ).toMatch(/^:white_check_mark: Alert resolved/);
  });

  it('backs off exponentially with jitter, up to 4 h', () => {
    expect(retryDelaySeconds(1, 30, () => 1)).toBe(30);
    expect(retryDelaySeconds(1, 30, () => 0)).toBe(15);
    expect(retryDelaySeconds(4, 30, () => 1)).toBe(240);
    expect(retryDelaySeconds(20, 30, () => 1)).toBe(4 * 60 * 60);
  });
});
