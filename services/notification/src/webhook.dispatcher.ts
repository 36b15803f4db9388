import { describeError, runInLogContext } from '@gazette-watch/messaging';
import { Logger } from '@nestjs/common';
import type { ClaimedDelivery, NotificationRepository } from './notification.repository';
import type { DeliverWebhook } from './use-cases/deliver-webhook.use-case';

export interface WebhookDispatcherOptions {
  /** Attempts in flight at once. */
  concurrency: number;
  /** How often to look for deliveries queued by another replica or due by their schedule. */
  pollMs: number;
  /** A claimed delivery whose dispatcher vanished is claimed again after this long. */
  leaseMs: number;
  /** Attempts in one schedule: a lost attempt that was the last one ends the delivery. */
  scheduleLength: number;
  service: string;
}

/**
 * Works the delivery queue kept in PostgreSQL: claims due deliveries (SKIP LOCKED, so replicas
 * share the work), runs up to `concurrency` attempts at once, and sleeps until the next one is due,
 * the poll interval passes, or `wake()` says a new one was queued here. Nothing lives only in
 * memory: a process killed mid-schedule leaves rows that the next dispatcher claims.
 */
export class WebhookDispatcher {
  private readonly logger = new Logger('WebhookDispatcher');
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly inFlightBySubscription = new Map<string, number>();
  private wakeUp: (() => void) | null = null;
  private woken = false;

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly deliver: DeliverWebhook,
    private readonly options: WebhookDispatcherOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** A delivery was queued: look now instead of at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Stops claiming and waits for the attempts in flight to finish. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  private async run(): Promise<void> {
    while (this.running) {
      const room = this.options.concurrency - this.inFlight.size;
      // Claim in batches: top up once half the slots are free, not one row per finished attempt.
      if (this.inFlight.size > 0 && room < Math.ceil(this.options.concurrency / 2)) {
        await Promise.race(this.inFlight);
        continue;
      }
      let claimed: ClaimedDelivery[] = [];
      try {
        claimed = await this.notifications.claimDue(room, this.options.leaseMs, this.options.scheduleLength, {
          // A quarter of the slots per endpoint: the others keep flowing past a slow one.
          perSubscription: Math.max(1, Math.ceil(this.options.concurrency / 4)),
          inFlight: this.inFlightBySubscription,
        });
      } catch (error) {
        this.logger.error(`claiming due deliveries failed: ${describeError(error)}`);
      }
      for (const delivery of claimed) this.launch(delivery);
      if (!this.running) break;
      // Claimed some: look again at once (a full house waits above for an attempt to finish).
      if (claimed.length > 0) continue;
      await this.sleep(await this.untilNextDue());
    }
  }

  private launch(delivery: ClaimedDelivery): void {
    const subscription = delivery.subscription_id;
    this.inFlightBySubscription.set(subscription, (this.inFlightBySubscription.get(subscription) ?? 0) + 1);
    const attempt = runInLogContext({ service: this.options.service, correlationId: delivery.correlation_id }, () =>
      this.deliver.execute(delivery),
    )
      .catch((error: unknown) => {
        // The row keeps its lease and is claimed again when it runs out.
        this.logger.error(`delivery ${delivery.id} could not be settled: ${describeError(error)}`);
      })
      .then(() => {
        this.inFlight.delete(attempt);
        const left = (this.inFlightBySubscription.get(subscription) ?? 1) - 1;
        if (left > 0) this.inFlightBySubscription.set(subscription, left);
        else this.inFlightBySubscription.delete(subscription);
      });
    this.inFlight.add(attempt);
  }

  private async untilNextDue(): Promise<number> {
    try {
      const due = await this.notifications.nextDueAt();
      if (!due) return this.options.pollMs;
      return Math.min(this.options.pollMs, Math.max(0, new Date(due).getTime() - Date.now()));
    } catch {
      return this.options.pollMs;
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
