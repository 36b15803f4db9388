import { BaseRpcContext } from '@nestjs/microservices';
import { JsMsg } from 'nats';

type JetStreamContextArgs = [subject: string, message: JsMsg];

/**
 * Second argument of `@EventPattern` handlers (`@Ctx() ctx: JetStreamContext`): gives access to the
 * raw message and lets very long handlers extend their ack deadline themselves.
 */
export class JetStreamContext extends BaseRpcContext<JetStreamContextArgs> {
  /** Logical subject (without the namespace prefix). */
  getSubject(): string {
    return this.args[0];
  }

  getMessage(): JsMsg {
    return this.args[1];
  }

  /** 1 on the first delivery. */
  getDeliveryCount(): number {
    return this.args[1].info.deliveryCount;
  }

  getHeader(name: string): string | undefined {
    return this.args[1].headers?.get(name) || undefined;
  }

  /** Resets the ack-wait timer; the server already does this every ackWait/2 for running handlers. */
  working(): void {
    this.args[1].working();
  }
}

type RpcContextArgs = [subject: string];

/** Second argument of `@MessagePattern` handlers. */
export class JetStreamRpcContext extends BaseRpcContext<RpcContextArgs> {
  getSubject(): string {
    return this.args[0];
  }
}
