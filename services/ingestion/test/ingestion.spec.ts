import { loadConfig } from '@gazette-watch/config';
import {
  GAZETTE_FETCH,
  SUBJECTS,
  gazetteBytesFromReply,
  gazetteId,
  parseEnvelope,
  parseRpcReply,
  type EventEnvelope,
  type GazetteIngestedPayload,
} from '@gazette-watch/contracts';
import { JetStreamClient, Namespace, PermanentError } from '@gazette-watch/messaging';
import {
  TEST_INFRASTRUCTURE_TIMEOUT_MS,
  createTemplateDatabase,
  createTestDatabase,
  createTestNamespace,
  migrationFingerprint,
  natsConnectionOptions,
  releaseTestInfrastructure,
  testInfrastructure,
  withClient,
  type TestDatabase,
  type TestNamespace,
} from '@gazette-watch/testing';
import { ensureSchema, runMigrations } from '@gazette-watch/persistence';
import type { INestApplication } from '@nestjs/common';
import * as iconv from 'iconv-lite';
import { connect, type JetStreamManager, type NatsConnection } from 'nats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastValueFrom } from 'rxjs';
import request from 'supertest';
import type { Server } from 'node:http';
import { createIngestionApp } from '../src/ingestion.app';
import { INGESTION_SCHEMA, ingestionConfigSchema } from '../src/ingestion.config';
import { INGESTION_MIGRATIONS, createIngestionDataSource } from '../src/ingestion.data-source';

const SAMPLES = join(__dirname, '../../../samples/gazettes');
const FENYANG = readFileSync(join(SAMPLES, 'fenyang-2023-4.txt')); // 112 KB
const LINFEN = readFileSync(join(SAMPLES, 'linfen-2022-11-12.txt')); // 132 KB
const LVLIANG = readFileSync(join(SAMPLES, 'lvliang-2023.txt')); // 251 KB
const ZHONGYANG = readFileSync(join(SAMPLES, 'zhongyang-2023-2.txt')); // 450 KB, over the limit below
const MAX_GAZETTE_BYTES = 300_000;

jest.setTimeout(30_000);

describe('ingestion service (PostgreSQL + NATS)', () => {
  let database: TestDatabase;
  let namespace: TestNamespace;
  let natsUrl: string;
  let app: INestApplication;
  let http: Server;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let rpc: JetStreamClient;

  beforeAll(async () => {
    const infrastructure = await testInfrastructure();
    natsUrl = infrastructure.natsUrl;
    const template = await createTemplateDatabase(
      'gw_tmpl_ingestion',
      async (url) => {
        await ensureSchema(url, INGESTION_SCHEMA);
        const dataSource = createIngestionDataSource(url);
        try {
          await runMigrations(dataSource);
        } finally {
          if (dataSource.isInitialized) await dataSource.destroy();
        }
      },
      { fingerprint: migrationFingerprint(INGESTION_MIGRATIONS) },
    );
    database = await createTestDatabase({ template });
    namespace = createTestNamespace();

    const config = loadConfig(ingestionConfigSchema, {
      DATABASE_URL: database.url,
      NATS_URL: natsUrl,
      NATS_SUBJECT_PREFIX: namespace.subjectPrefix,
      NATS_STREAM_PREFIX: namespace.streamPrefix,
      MAX_GAZETTE_BYTES: String(MAX_GAZETTE_BYTES),
      // The template is migrated already; booting must not need to.
      MIGRATE_ON_BOOT: 'false',
      LOG_LEVEL: process.env.TEST_LOGS ? 'info' : 'error',
    });
    app = await createIngestionApp(config);
    await app.listen(0, '127.0.0.1');
    http = app.getHttpServer() as Server;

    const natsOptions = natsConnectionOptions(natsUrl);
    nc = await connect(natsOptions);
    jsm = await nc.jetstreamManager();
    const { servers, ...connection } = natsOptions;
    rpc = new JetStreamClient({
      servers: servers as string,
      connection,
      namespace: new Namespace(namespace.subjectPrefix, namespace.streamPrefix),
      service: 'ingestion',
      requestTimeoutMs: 5_000,
    });
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  afterAll(async () => {
    await rpc?.close();
    await app?.close();
    if (natsUrl && namespace) await namespace.cleanup(natsUrl);
    await nc?.close();
    await database?.drop();
    await releaseTestInfrastructure();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  /** Every message in the namespace's GAZETTES stream, checked against the contract. */
  async function ingestedEvents(): Promise<Array<{ msgId: string; envelope: EventEnvelope<GazetteIngestedPayload> }>> {
    const stream = `${namespace.streamPrefix}GAZETTES`;
    const { state } = await jsm.streams.info(stream);
    const events = [];
    for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq });
      expect(message.subject).toBe(`${namespace.subjectPrefix}${SUBJECTS.gazetteIngested}`);
      events.push({
        msgId: message.header.get('Nats-Msg-Id'),
        envelope: parseEnvelope(SUBJECTS.gazetteIngested, message.json()),
      });
    }
    return events;
  }

  async function eventsOf(id: string) {
    return (await ingestedEvents()).filter((event) => event.envelope.payload.gazette_id === id);
  }

  async function storedRows(): Promise<Array<{ gazette_id: string; byte_length: number; sha: string }>> {
    return withClient(database.url, async (client) => {
      const result = await client.query<{ gazette_id: string; byte_length: number; sha: string }>(
        `SELECT gazette_id, byte_length, encode(sha256(bytes), 'hex') AS sha FROM ingestion.gazette ORDER BY gazette_id`,
      );
      return result.rows;
    });
  }

  function postRaw(bytes: Buffer, contentType = 'text/plain; charset=utf-8') {
    return request(http).post('/gazettes').set('Content-Type', contentType).send(bytes);
  }

  const fenyangId = gazetteId(FENYANG);
  const linfenId = gazetteId(LINFEN);

  it('stores a raw text body and publishes exactly one gazette.ingested with the deterministic id', async () => {
    const response = await postRaw(FENYANG)
      .set('X-File-Name', encodeURIComponent('汾阳市人民政府公报2023年第4期.txt'))
      .set('X-Correlation-Id', 'req-fenyang-1')
      .query({ region: '汾阳市', url: 'https://www.fenyang.gov.cn/gb/2023-4', published_on: '2023-08-31' });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({ gazette_id: fenyangId, duplicate: false, correlation_id: 'req-fenyang-1' });
    expect(response.headers['x-correlation-id']).toBe('req-fenyang-1');

    const events = await eventsOf(fenyangId);
    expect(events).toHaveLength(1);
    const [{ msgId, envelope }] = events;
    expect(msgId).toBe(`gazette.ingested:${fenyangId}`);
    expect(envelope).toMatchObject({
      id: msgId,
      correlation_id: 'req-fenyang-1',
      producer: 'ingestion',
      payload: {
        gazette_id: fenyangId,
        sha256: fenyangId,
        byte_length: FENYANG.length,
        file_name: '汾阳市人民政府公报2023年第4期.txt',
        media_type: 'text/plain',
        source: { region: '汾阳市', url: 'https://www.fenyang.gov.cn/gb/2023-4', published_on: '2023-08-31' },
      },
    });

    const metadata = await request(http).get(`/gazettes/${fenyangId}`).expect(200);
    expect(metadata.body).toMatchObject({
      gazette_id: fenyangId,
      file_name: '汾阳市人民政府公报2023年第4期.txt',
      byte_length: FENYANG.length,
      encoding: 'utf-8',
      region: '汾阳市',
      published_on: '2023-08-31',
      correlation_id: 'req-fenyang-1',
      received_at: envelope.payload.stored_at,
    });
  });

  it('stores a multipart upload (field "file" plus form fields)', async () => {
    const response = await request(http)
      .post('/gazettes')
      .field('region', '临汾市')
      .field('published_on', '2022-11-12')
      .attach('file', LINFEN, { filename: '临汾公报.txt', contentType: 'text/plain' });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ gazette_id: linfenId, duplicate: false });
    expect(response.body.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
    const events = await eventsOf(linfenId);
    expect(events).toHaveLength(1);
    expect(events[0].envelope.payload).toMatchObject({
      file_name: '临汾公报.txt',
      source: { region: '临汾市', published_on: '2022-11-12' },
    });
    expect(events[0].envelope.correlation_id).toBe(response.body.correlation_id);
  });

  it('recognises the same file again, raw or multipart: one row, one message, 200 duplicate', async () => {
    const raw = await postRaw(FENYANG).query({ file_name: 'again.txt', region: '别处' });
    expect(raw.status).toBe(200);
    expect(raw.body).toMatchObject({ gazette_id: fenyangId, duplicate: true });
    const multipart = await request(http)
      .post('/gazettes')
      .attach('file', FENYANG, { filename: 'copy.txt', contentType: 'text/plain' });
    expect(multipart.status).toBe(200);
    expect(multipart.body).toMatchObject({ gazette_id: fenyangId, duplicate: true });

    // Republished with the same message id, which the stream's duplicate window drops.
    expect(await eventsOf(fenyangId)).toHaveLength(1);
    expect((await storedRows()).filter((row) => row.gazette_id === fenyangId)).toHaveLength(1);
    // The first upload's metadata is kept.
    const metadata = await request(http).get(`/gazettes/${fenyangId}`).expect(200);
    expect(metadata.body).toMatchObject({ file_name: '汾阳市人民政府公报2023年第4期.txt', region: '汾阳市' });
  });

  it('publishes for a file stored before a crash cut the publish short, once it is sent again', async () => {
    const id = gazetteId(LVLIANG);
    // As if the process died between the INSERT and the publish.
    await withClient(database.url, (client) =>
      client.query(
        `INSERT INTO ingestion.gazette (gazette_id, bytes, file_name, media_type, byte_length, encoding, correlation_id)
         VALUES ($1, $2, 'lvliang-2023.txt', 'text/plain', $3, 'utf-8', 'crashed-request')`,
        [id, LVLIANG, LVLIANG.length],
      ),
    );
    expect(await eventsOf(id)).toHaveLength(0);

    const response = await postRaw(LVLIANG).set('X-File-Name', 'lvliang-2023.txt').expect(200);
    expect(response.body).toMatchObject({ gazette_id: id, duplicate: true });
    const events = await eventsOf(id);
    expect(events).toHaveLength(1);
    expect(events[0].envelope.payload).toMatchObject({ file_name: 'lvliang-2023.txt', byte_length: LVLIANG.length });
  });

  it('takes the same text in GB18030 as another gazette that still decodes', async () => {
    const gb18030 = iconv.encode(FENYANG.toString('utf8'), 'gb18030');
    const id = gazetteId(gb18030);
    expect(id).not.toBe(fenyangId);

    const response = await postRaw(gb18030, 'text/plain').set('X-File-Name', 'fenyang-gbk.txt').expect(201);
    expect(response.body).toMatchObject({ gazette_id: id, duplicate: false });
    const metadata = await request(http).get(`/gazettes/${id}`).expect(200);
    expect(metadata.body).toMatchObject({ encoding: 'gb18030', byte_length: gb18030.length });
    expect(await eventsOf(id)).toHaveLength(1);
  });

  describe('refuses bad requests without storing or publishing anything', () => {
    let rowsBefore: Awaited<ReturnType<typeof storedRows>>;
    let eventsBefore: number;

    beforeAll(async () => {
      rowsBefore = await storedRows();
      eventsBefore = (await ingestedEvents()).length;
    });

    afterAll(async () => {
      // Nothing lost, nothing added, nothing altered.
      expect(await storedRows()).toEqual(rowsBefore);
      expect((await ingestedEvents()).length).toBe(eventsBefore);
    });

    function expectError(response: request.Response, status: number, message: RegExp): void {
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toMatch(/application\/json/);
      expect(response.body).toEqual({ statusCode: status, error: expect.any(String), message: expect.any(String) });
      expect(response.body.message).toMatch(message);
    }

    it('an empty body → 400', async () => {
      expectError(await postRaw(Buffer.alloc(0)), 400, /empty/);
    });

    it('whitespace only → 400', async () => {
      expectError(await postRaw(Buffer.from(' \n\t\n')), 400, /whitespace/);
    });

    it('a PDF → 415 naming PDF', async () => {
      const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.alloc(64, 0x41)]);
      expectError(await postRaw(pdf, 'application/octet-stream'), 415, /PDF/);
      const multipart = await request(http)
        .post('/gazettes')
        .attach('file', pdf, { filename: 'gazette.pdf', contentType: 'application/pdf' });
      expectError(multipart, 415, /PDF/);
    });

    it('binary data → 415', async () => {
      expectError(await postRaw(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])), 415, /PNG/);
      const everyByte = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      expectError(await postRaw(everyByte), 415, /binary data/);
    });

    it('a file over MAX_GAZETTE_BYTES → 413, raw or multipart', async () => {
      expect(ZHONGYANG.length).toBeGreaterThan(MAX_GAZETTE_BYTES);
      expectError(await postRaw(ZHONGYANG), 413, /limit is 300000 bytes/);
      const multipart = await request(http)
        .post('/gazettes')
        .attach('file', ZHONGYANG, { filename: 'zhongyang.txt', contentType: 'text/plain' });
      expectError(multipart, 413, /large/i);
      expect(await request(http).get(`/gazettes/${gazetteId(ZHONGYANG)}`)).toMatchObject({ status: 404 });
    });

    it('a bad query or form field → 400', async () => {
      expectError(await postRaw(LINFEN).query({ published_on: '2022-13-45' }), 400, /published_on/);
      expectError(await postRaw(LINFEN).query({ url: 'not a url' }), 400, /url/);
      expectError(await postRaw(LINFEN).query({ publish_on: '2022-11-12' }), 400, /unknown field.*publish_on/);
      const multipart = await request(http)
        .post('/gazettes')
        .field('url', 'nope')
        .attach('file', LINFEN, { filename: 'x.txt', contentType: 'text/plain' });
      expectError(multipart, 400, /url/);
    });

    it('multipart without a file → 400; other content types → 415; bad headers → 400', async () => {
      expectError(await request(http).post('/gazettes').field('region', '临汾市'), 400, /field named "file"/);
      expectError(
        await request(http).post('/gazettes').set('Content-Type', 'application/json').send('{"a":1}'),
        415,
        /application\/json/,
      );
      expectError(await postRaw(LINFEN).set('X-File-Name', '%E4%B8'), 400, /X-File-Name/);
      expectError(await postRaw(LINFEN).set('X-Correlation-Id', 'has spaces in it'), 400, /X-Correlation-Id/);
    });

    it('GET of an unknown or malformed id → 404 / 400', async () => {
      expectError(await request(http).get(`/gazettes/${'0'.repeat(64)}`), 404, /no gazette/);
      expectError(await request(http).get('/gazettes/nope'), 400, /sha256/);
    });

    it('RPC requests that break the contract or name unknown gazettes are refused for good', async () => {
      await expect(lastValueFrom(rpc.send(GAZETTE_FETCH, { gazette_id: 'f'.repeat(64) }))).rejects.toBeInstanceOf(
        PermanentError,
      );
      await expect(lastValueFrom(rpc.send(GAZETTE_FETCH, { gazette_id: 'x' }))).rejects.toBeInstanceOf(PermanentError);
      await expect(
        lastValueFrom(
          rpc.send('gazette.ingest', {
            file_name: 'x.pdf',
            media_type: 'application/pdf',
            bytes_base64: Buffer.from('%PDF-1.4\n').toString('base64'),
          }),
        ),
      ).rejects.toThrow(/PDF/);
    });
  });

  it('answers gazette.fetch with the exact bytes', async () => {
    const reply = parseRpcReply(GAZETTE_FETCH, await lastValueFrom(rpc.send(GAZETTE_FETCH, { gazette_id: fenyangId })));
    const bytes = gazetteBytesFromReply(reply);
    expect(Buffer.from(bytes).equals(FENYANG)).toBe(true);
  });

  it('ingests over RPC (gazette.ingest), then lists and reports progress', async () => {
    const text = Buffer.from('吕梁市人民政府公报\n2023年第1期\n\n关于印发某某办法的通知\n', 'utf8');
    const id = gazetteId(text);
    const ingest = () =>
      lastValueFrom(
        rpc.send('gazette.ingest', {
          file_name: 'rpc.txt',
          media_type: 'text/plain',
          bytes_base64: text.toString('base64'),
          region: '吕梁市',
          correlation_id: 'rpc-1',
        }),
      );
    expect(parseRpcReply('gazette.ingest', await ingest())).toEqual({ gazette_id: id, duplicate: false });
    expect(parseRpcReply('gazette.ingest', await ingest())).toEqual({ gazette_id: id, duplicate: true });
    const events = await eventsOf(id);
    expect(events).toHaveLength(1);
    expect(events[0].envelope).toMatchObject({ correlation_id: 'rpc-1', payload: { source: { region: '吕梁市' } } });

    const list = parseRpcReply('gazette.list', await lastValueFrom(rpc.send('gazette.list', { limit: 2 })));
    expect(list.total).toBe(5);
    expect(list.items).toHaveLength(2);
    expect(list.items[0]).toMatchObject({ gazette_id: id, file_name: 'rpc.txt', region: '吕梁市' });
    const rest = parseRpcReply('gazette.list', await lastValueFrom(rpc.send('gazette.list', { limit: 10, offset: 2 })));
    expect(new Set([...list.items, ...rest.items].map((item) => item.gazette_id)).size).toBe(5);

    const progress = parseRpcReply(
      'ingestion.progress',
      await lastValueFrom(rpc.send('ingestion.progress', { gazette_id: id })),
    );
    expect(progress).toMatchObject({ gazette_id: id, stage: 'ingestion', done: 1, expected: 1 });
    const unknown = parseRpcReply(
      'ingestion.progress',
      await lastValueFrom(rpc.send('ingestion.progress', { gazette_id: 'a'.repeat(64) })),
    );
    expect(unknown).toMatchObject({ done: 0, updated_at: null });
  });

  it('still holds every gazette byte for byte after all of the above', async () => {
    const rows = await storedRows();
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row.sha).toBe(row.gazette_id);
    const events = await ingestedEvents();
    expect(events.map((event) => event.envelope.payload.gazette_id).sort()).toEqual(rows.map((row) => row.gazette_id));
  });
});
