import { checkWebhookAddress, type AddressAllowlist } from '@gazette-watch/subscriptions';
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** What the receiver answered. Any status: deciding what it means is the caller's business. */
export interface WebhookResponse {
  statusCode: number;
  retryAfter: string | null;
}

/**
 * The address the URL leads to is one the operator has not allowed (loopback, private…). The
 * message, which the subscriber sees in the delivery log, names no address: resolving names of the
 * operator's network for a subscriber would map it. `detail` is for the service's own log.
 */
export class WebhookAddressRefusedError extends Error {
  override readonly name = 'WebhookAddressRefusedError';

  constructor(
    message: string,
    readonly detail: string,
  ) {
    super(message);
  }
}

/** At most this much of an answer is read; the rest is discarded with the connection. */
const MAX_RESPONSE_BYTES = 64 * 1024;

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * Subscribers' webhook endpoints: one POST per attempt. The address is checked when the socket
 * connects, on the addresses DNS actually returned for that connection, so a name that resolves
 * to a public address when the subscription is made and to 169.254.169.254 later is still refused.
 * Redirects are not followed (a 3xx is an answer like any other non-2xx).
 */
export class WebhookEndpointRepository {
  private readonly agents: { http: http.Agent; https: https.Agent };

  constructor(private readonly allowlist: AddressAllowlist) {
    // Keep-alive: the same endpoints are called again and again; a reused socket was checked when it connected.
    this.agents = {
      http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
      https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
    };
  }

  /** Refuses a literal address the allowlist does not permit; names are checked at connection. */
  checkUrl(url: string): string | null {
    const host = hostOf(new URL(url));
    if (!isIP(host)) return null;
    const verdict = checkWebhookAddress(host, this.allowlist);
    return verdict.allowed ? null : verdict.reason;
  }

  post(request: WebhookRequest): Promise<WebhookResponse> {
    const url = new URL(request.url);
    const refusal = this.checkUrl(request.url);
    if (refusal) return Promise.reject(new WebhookAddressRefusedError(refusal, refusal));
    const secure = url.protocol === 'https:';
    const client = secure ? https : http;
    return new Promise<WebhookResponse>((resolve, reject) => {
      const body = Buffer.from(request.body, 'utf8');
      const deadline = setTimeout(
        () => outgoing.destroy(new Error(`no answer within ${request.timeoutMs} ms`)),
        request.timeoutMs,
      );
      const settle = (fn: () => void) => {
        clearTimeout(deadline);
        fn();
      };
      const outgoing = client.request(
        url,
        {
          method: 'POST',
          agent: secure ? this.agents.https : this.agents.http,
          headers: {
            ...request.headers,
            'content-length': String(body.length),
            'user-agent': 'gazette-watch-webhooks/1',
          },
          lookup: this.guardedLookup,
        },
        (response) => {
          let read = 0;
          response.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > MAX_RESPONSE_BYTES) response.destroy();
          });
          const answer = {
            statusCode: response.statusCode ?? 0,
            retryAfter: headerValue(response.headers['retry-after']),
          };
          response.on('end', () => settle(() => resolve(answer)));
          // A receiver that answered and then hung up has still answered.
          response.on('close', () => settle(() => resolve(answer)));
          response.on('error', () => settle(() => resolve(answer)));
        },
      );
      outgoing.on('error', (error) => settle(() => reject(error)));
      outgoing.end(body);
    });
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private readonly guardedLookup = (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      for (const { address } of addresses) {
        const verdict = checkWebhookAddress(address, this.allowlist);
        if (!verdict.allowed) {
          return callback(
            new WebhookAddressRefusedError(
              `${hostname} resolves to an address webhooks may not reach`,
              `${hostname} resolves to a refused address: ${verdict.reason}`,
            ),
            [],
          );
        }
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
}

/** The host without IPv6 brackets. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}
