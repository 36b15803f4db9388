import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server standing in for the API gateway in the command's specs: each request is
 * recorded (with its body) and answered by the spec's handler, which is told how many came before.
 */

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

export type StandInHandler = (request: RecordedRequest, response: ServerResponse, index: number) => void;

export class GatewayStandIn {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly requests: RecordedRequest[],
  ) {}

  static async start(handler: StandInHandler): Promise<GatewayStandIn> {
    const requests: RecordedRequest[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request: RecordedRequest = {
          method: req.method ?? 'GET',
          url: new URL(req.url ?? '/', 'http://stand-in'),
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        handler(request, res, requests.push(request) - 1);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new GatewayStandIn(server, `http://127.0.0.1:${port}`, requests);
  }

  /** Ends open streams too: a stream the spec left open must not keep the server up. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A base URL where nothing listens: a port just freed. */
export async function closedApiUrl(): Promise<string> {
  const standIn = await GatewayStandIn.start((_request, response) => response.end());
  await standIn.close();
  return standIn.url;
}

/** Opens a response as an event stream, as the gateway does. */
export function openEventStream(response: ServerResponse, retryMs?: number): void {
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  if (retryMs !== undefined) response.write(`retry: ${retryMs}\n\n`);
}

/** One event in the wire form the gateway writes. */
export function frame(event: { id: string; event: string; data: unknown }): string {
  return `id: ${event.id}\nevent: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

export function respondJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
