import { Counter, type Registry } from 'prom-client';

export type NotificationKind = 'appointment' | 'regulation';
/** `announced`: published on the public hierarchy; `duplicate`: already recorded, not announced again. */
export type NotificationOutcome = 'announced' | 'duplicate';

/** `gazette_notifications_total{kind,outcome}` on the service's registry. */
export class NotificationMetrics {
  private readonly deliveries: Counter<'kind' | 'outcome'>;

  constructor(registry: Registry) {
    this.deliveries = new Counter({
      name: 'gazette_notifications_total',
      help: 'Facts the notification service handled, by kind and outcome (announced or duplicate)',
      labelNames: ['kind', 'outcome'],
      registers: [registry],
    });
  }

  delivered(kind: NotificationKind, announced: boolean): void {
    this.deliveries.inc({ kind, outcome: announced ? 'announced' : 'duplicate' });
  }
}
