import { subscriptionFilterSchema, type NotificationMessage, type Principal } from '@gazette-watch/contracts';
import { compileFilter, factViewOf } from '@gazette-watch/subscriptions';
import { applyDecorators, Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { Authenticated, CurrentPrincipal } from './auth/api-key.guard';
import { EventStreamRegistry } from './event-stream.registry';
import { LiveEventRepository, type LiveSubscription } from './live-event.repository';
import { ApiParamFrom, ApiRefusalResponses } from './openapi.schema';
import { subscriptionFilterOf } from './query-string.parser';
import { factPayloadOf, notificationEvent, publicFactEvent } from './server-sent-event.presenter';
import type { ServerSentEventWriter } from './server-sent-event.writer';
import { ServiceQueryRepository } from './service-query.repository';

const FILTER_DESCRIPTIONS: Record<keyof typeof subscriptionFilterSchema.shape, string> = {
  kinds: 'appointment, regulation or both (comma-separated)',
  regions: 'Regions, whole (吕梁市)',
  publishers: 'Parts of the publishing body’s name',
  issuers: 'Parts of an issuing body’s name',
  doc_types: 'Document kinds, whole (通知, 办法)',
  people: 'People’s names, whole (appointments only)',
  organisations: 'Parts of an organisation or post (appointments only)',
  keywords: 'Words in the title or body',
};

const NOTIFICATION_ID = z.uuid();

const EVENT_STREAM_RESPONSE = ApiOkResponse({
  description:
    'A text/event-stream: `retry:` first, then one event per message (`id:`, `event:`, `data:` JSON) ' +
    'and a comment line every SSE_HEARTBEAT_MS. The public stream is live only; a subscription stream resumes ' +
    'after `Last-Event-ID`.',
  content: { 'text/event-stream': { schema: { type: 'string' } } },
});

/**
 * Live server-sent event streams relayed from core NATS. Written on the plain response, so the
 * heartbeat and the end of the NATS subscription when the client goes away are explicit.
 */
@ApiTags('events')
@Controller()
export class EventStreamsController {
  constructor(
    private readonly services: ServiceQueryRepository,
    private readonly live: LiveEventRepository,
    private readonly streams: EventStreamRegistry,
  ) {}

  @Get('subscriptions/:id/stream')
  @Authenticated({ queryKey: true })
  @ApiOperation({
    summary: 'A subscription’s notifications as they happen (server-sent events)',
    description:
      'Each event is named by the notification type (`appointment.created`…), its id is the notification id ' +
      'and its data the same body the webhook receives. `EventSource` cannot send headers: pass `?api_key=`. ' +
      'A reconnection with `Last-Event-ID` first receives what was recorded since (at least once: ids tell ' +
      'repeats apart); a client too far behind gets a `stream.truncated` event.',
  })
  @ApiProduces('text/event-stream')
  @ApiParamFrom('id', z.uuid(), 'Subscription id')
  @EVENT_STREAM_RESPONSE
  @ApiRefusalResponses()
  async subscriptionStream(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    // Asking for the subscription checks it exists and is the caller's before anything is relayed.
    const subscription = await this.services.command('subscription.get', { principal, subscription_id: id });
    const resumeAfter =
      lastEventId && NOTIFICATION_ID.safeParse(lastEventId.trim()).success ? lastEventId.trim() : null;
    const writer = this.streams.create(response);
    // While the missed notifications are fetched, live ones wait, so the client gets them in order.
    let held: NotificationMessage[] | null = resumeAfter ? [] : null;
    const live = await this.live.notifications(subscription.id, {
      deliver: (message) => (held ? held.push(message) : writer.send(notificationEvent(message))),
      ended: () => writer.close(),
    });
    if (!resumeAfter) return this.start(writer, live);
    let missed;
    try {
      missed = await this.services.command('subscription.notifications-since', {
        principal,
        subscription_id: subscription.id,
        after: resumeAfter,
      });
    } catch (error) {
      live.close();
      throw error;
    }
    this.start(writer, live);
    const sent = new Set<string>();
    for (const message of missed.messages) {
      writer.send(notificationEvent(message));
      sent.add(message.data.notification_id);
    }
    if (missed.truncated) {
      writer.send({
        id: resumeAfter,
        event: 'stream.truncated',
        data: { message: 'more notifications were missed than a stream replays; read the deliveries or the feed' },
      });
    }
    const waiting = held ?? [];
    held = null;
    for (const message of waiting) {
      if (!sent.has(message.data.notification_id)) writer.send(notificationEvent(message));
    }
  }

  @Get('events/stream')
  @ApiOperation({
    summary: 'Every new fact matching a filter, as it is announced (server-sent events)',
    description:
      'Public. The query string is a subscription filter, each field a comma-separated list: ' +
      '`?kinds=appointment&regions=吕梁市`. Events are named `appointment` or `regulation`; their data is ' +
      '`{type, fact_id, region, title, fact}`.',
  })
  @ApiProduces('text/event-stream')
  @ApiFilterQuery()
  @EVENT_STREAM_RESPONSE
  @ApiRefusalResponses()
  async publicStream(@Query() query: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const matches = compileFilter(subscriptionFilterOf(query));
    const writer = this.streams.create(response);
    const live = await this.live.publicFacts({
      deliver: (fact) => {
        if (matches(factViewOf(factPayloadOf(fact)))) writer.send(publicFactEvent(fact));
      },
      ended: () => writer.close(),
    });
    this.start(writer, live);
  }

  /** Opens the stream only once NATS has the subscription, so a client that sees it open misses nothing. */
  private start(writer: ServerSentEventWriter, live: LiveSubscription): void {
    writer.onClose(() => live.close());
    writer.open();
  }
}

/** One query parameter per filter field, each a comma-separated list. */
function ApiFilterQuery(): MethodDecorator {
  return applyDecorators(
    ...Object.entries(FILTER_DESCRIPTIONS).map(([name, description]) =>
      ApiQuery({ name, required: false, schema: { type: 'string' }, description }),
    ),
  );
}
