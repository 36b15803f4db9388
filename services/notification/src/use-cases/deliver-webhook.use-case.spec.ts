import { Logger } from '@nestjs/common';
import { Registry } from 'prom-client';
import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret } from '@gazette-watch/subscriptions';
import type { ClaimedDelivery, NotificationRepository } from '../notification.repository';
import { NotificationMetrics } from '../notification.metrics';
import type { SubscriptionRepository } from '../subscription.repository';
import {
  WebhookAddressRefusedError,
  type WebhookEndpointRepository,
  type WebhookRequest,
} from '../webhook-endpoint.repository';
import { DeliverWebhook, type WebhookPolicy } from './deliver-webhook.use-case';

// Now, to the second: the independent verifier refuses timestamps more than five minutes off.
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const SECRET = generateWebhookSecret();
const OLD_SECRET = generateWebhookSecret();
const SCHEDULE = [0, 5_000, 300_000];

/** Strict stand-ins: a call nobody prepared fails the test. */
function strict<T extends object>(name: string, methods: Partial<Record<keyof T, jest.Mock>>): T {
  return new Proxy(methods, {
    get(target, key) {
      if (key in target) return target[key as keyof typeof target];
      throw new Error(`unexpected call ${name}.${String(key)}`);
    },
  }) as unknown as T;
}

function claimed(overrides: Partial<ClaimedDelivery> = {}): ClaimedDelivery {
  return {
    id: '5b0c7f52-8d4e-4d5f-9a31-000000000001',
    subscription_id: '5b0c7f52-8d4e-4d5f-9a31-0000000000aa',
    fact_id: 'appointment.recorded:abc',
    message: {
      type: 'appointment.created',
      timestamp: NOW.toISOString(),
    } as ClaimedDelivery['message'],
    correlation_id: 'corr-1',
    created_at: new Date(NOW.getTime() - 1_000),
    attempts: 0,
    cycle_attempts: 0,
    webhook_url: 'https://hooks.example.org/gazette',
    webhook_status: 'active',
    webhook_disabled_reason: null,
    webhook_failing_since: null,
    secret: SECRET,
    previous_secret: null,
    previous_secret_until: null,
    ...overrides,
  };
}

describe('DeliverWebhook', () => {
  let settle: jest.Mock;
  let abandon: jest.Mock;
  let holdEndpoint: jest.Mock;
  let markSucceeded: jest.Mock;
  let markFailed: jest.Mock;
  let post: jest.Mock<Promise<{ statusCode: number; retryAfter: string | null }>, [WebhookRequest]>;

  function useCase(policy: Partial<WebhookPolicy> = {}): DeliverWebhook {
    return new DeliverWebhook(
      strict<NotificationRepository>('notifications', { settle, abandon, holdEndpoint }),
      strict<SubscriptionRepository>('subscriptions', {
        markWebhookSucceeded: markSucceeded,
        markWebhookFailed: markFailed,
      }),
      strict<WebhookEndpointRepository>('endpoints', { post }),
      new NotificationMetrics(new Registry()),
      {
        schedule: SCHEDULE,
        jitter: 0,
        timeoutMs: 1_000,
        maxRetryAfterMs: 3_600_000,
        disableAfterMs: 5 * 86_400_000,
        now: () => NOW,
        ...policy,
      },
    );
  }

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    settle = jest.fn().mockResolvedValue(true);
    abandon = jest.fn().mockResolvedValue(undefined);
    holdEndpoint = jest.fn().mockResolvedValue(undefined);
    markSucceeded = jest.fn().mockResolvedValue(undefined);
    markFailed = jest.fn().mockResolvedValue(null);
    post = jest.fn();
  });

  it('signs the stored body so that a Standard Webhooks verifier accepts it, and settles a 2xx as delivered', async () => {
    post.mockResolvedValue({ statusCode: 204, retryAfter: null });
    await expect(useCase().execute(claimed())).resolves.toBe('succeeded');
    const [request] = post.mock.calls[0];
    expect(request.url).toBe('https://hooks.example.org/gazette');
    expect(request.headers['webhook-id']).toBe(claimed().id);
    expect(new Webhook(SECRET).verify(request.body, request.headers)).toEqual(claimed().message);
    expect(settle).toHaveBeenCalledWith(
      expect.objectContaining({ id: claimed().id }),
      expect.objectContaining({ attempt: 1, statusCode: 204, error: null }),
      { status: 'succeeded' },
    );
    // The endpoint was not failing, so there is no run of failures to end.
    expect(markSucceeded).not.toHaveBeenCalled();
    expect(markFailed).not.toHaveBeenCalled();
  });

  it('ends the endpoint’s run of failures with a success', async () => {
    post.mockResolvedValue({ statusCode: 200, retryAfter: null });
    await useCase().execute(claimed({ webhook_failing_since: new Date(NOW.getTime() - 60_000) }));
    expect(markSucceeded).toHaveBeenCalledWith(claimed().subscription_id);
  });

  it('signs with the previous secret too while the rotation overlap lasts, and not after', async () => {
    post.mockResolvedValue({ statusCode: 200, retryAfter: null });
    const during = claimed({ previous_secret: OLD_SECRET, previous_secret_until: new Date(NOW.getTime() + 60_000) });
    await useCase().execute(during);
    expect(post.mock.calls[0][0].headers['webhook-signature'].split(' ')).toHaveLength(2);
    const after = claimed({ previous_secret: OLD_SECRET, previous_secret_until: new Date(NOW.getTime() - 1) });
    await useCase().execute(after);
    expect(post.mock.calls[1][0].headers['webhook-signature'].split(' ')).toHaveLength(1);
  });

  it('schedules the next attempt by the schedule after a 500, and notes the failure on the endpoint', async () => {
    post.mockResolvedValue({ statusCode: 500, retryAfter: null });
    await expect(useCase().execute(claimed())).resolves.toBe('retrying');
    expect(settle).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ statusCode: 500, error: 'the endpoint answered 500' }),
      { status: 'pending', retryAt: new Date(NOW.getTime() + SCHEDULE[1]) },
    );
    expect(markFailed).toHaveBeenCalledWith(claimed().subscription_id, 5 * 86_400_000, null);
    // The endpoint's other queued deliveries wait for the same retry.
    expect(holdEndpoint).toHaveBeenCalledWith(claimed().subscription_id, new Date(NOW.getTime() + SCHEDULE[1]));
  });

  it('waits as long as Retry-After asks when that is longer than the schedule', async () => {
    post.mockResolvedValue({ statusCode: 429, retryAfter: '60' });
    await useCase().execute(claimed());
    expect(settle.mock.calls[0][2]).toEqual({ status: 'pending', retryAt: new Date(NOW.getTime() + 60_000) });
  });

  it('marks the delivery failed once the schedule is spent', async () => {
    post.mockResolvedValue({ statusCode: 502, retryAfter: null });
    await expect(useCase().execute(claimed({ attempts: 2, cycle_attempts: 2 }))).resolves.toBe('failed');
    expect(settle).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ attempt: 3 }), {
      status: 'failed',
    });
  });

  it('disables the endpoint on 410 Gone, with the reason', async () => {
    post.mockResolvedValue({ statusCode: 410, retryAfter: null });
    await expect(useCase().execute(claimed())).resolves.toBe('gone');
    expect(settle.mock.calls[0][2]).toEqual({ status: 'failed' });
    expect(markFailed).toHaveBeenCalledWith(
      claimed().subscription_id,
      expect.any(Number),
      expect.stringMatching(/410/),
    );
  });

  it('retries a refused address like any failure, keeping the refusal as the attempt error', async () => {
    post.mockRejectedValue(
      new WebhookAddressRefusedError('hooks.example.org resolves to an address webhooks may not reach', 'detail'),
    );
    await expect(useCase().execute(claimed())).resolves.toBe('refused');
    expect(settle.mock.calls[0][1]).toMatchObject({
      statusCode: null,
      error: expect.stringMatching(/may not reach/),
    });
    expect(settle.mock.calls[0][2]).toMatchObject({ status: 'pending' });
  });

  it('drops the outcome of an attempt whose lease another dispatcher took over, touching nothing else', async () => {
    post.mockResolvedValue({ statusCode: 200, retryAfter: null });
    settle.mockResolvedValue(false);
    await expect(useCase().execute(claimed({ webhook_failing_since: NOW }))).resolves.toBe('abandoned');
    expect(markSucceeded).not.toHaveBeenCalled();
  });

  it('sends nothing for a disabled endpoint or a removed webhook, and says why', async () => {
    await expect(
      useCase().execute(claimed({ webhook_status: 'disabled', webhook_disabled_reason: 'the endpoint answered 410' })),
    ).resolves.toBe('abandoned');
    await useCase().execute(claimed({ webhook_url: null, webhook_status: null }));
    expect(post).not.toHaveBeenCalled();
    expect(abandon.mock.calls.map(([delivery, reason]) => [delivery.id, reason])).toEqual([
      [claimed().id, 'endpoint disabled: the endpoint answered 410'],
      [claimed().id, 'the subscription no longer has a webhook'],
    ]);
  });
});
