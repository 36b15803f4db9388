import { loadConfig } from '@gazette-watch/config';
import { QUERY_CONTRACTS, type RpcReply as QueryReply, type StageProgress } from '@gazette-watch/contracts';
import type { RpcReply } from '@gazette-watch/messaging';
import {
  createTestNamespace,
  natsConnectionOptions,
  releaseTestInfrastructure,
  testInfrastructure,
  TEST_INFRASTRUCTURE_TIMEOUT_MS,
  type TestNamespace,
} from '@gazette-watch/testing';
import type { INestApplication } from '@nestjs/common';
import { connect, type NatsConnection, type Subscription } from 'nats';
import request from 'supertest';
import type { App } from 'supertest/types';
import { createApiApp } from '../src/api.app';
import { apiConfigSchema } from '../src/api.config';
import {
  appointmentItem,
  DOCUMENT_ID,
  documentDetail,
  documentSummary,
  entitiesReply,
  GAZETTE_ID,
  storedGazette,
  tenure,
} from './api-fixtures';

jest.setTimeout(30_000);

type QueryName = keyof typeof QUERY_CONTRACTS;
type Answer = (request: unknown) => RpcReply;

const ok = (data: unknown): RpcReply => ({ ok: true, data });

describe('API gateway (NATS)', () => {
  let namespace: TestNamespace;
  let natsUrl: string;
  let nc: NatsConnection;
  let app: INestApplication;
  let http: App;
  /** Stand-in responders by query name, and the requests each received. */
  const responders = new Map<QueryName, Subscription>();
  const received = new Map<QueryName, unknown[]>();

  /** Answers `name` on `rpc.<service>.<name>` in the test namespace, as a JetStreamServer would. */
  function respond(name: QueryName, answer: Answer): void {
    silence(name);
    const subject = `${namespace.subjectPrefix}rpc.${QUERY_CONTRACTS[name].service}.${name}`;
    const subscription = nc.subscribe(subject, {
      callback: (error, msg) => {
        if (error) return;
        const data: unknown = msg.json();
        received.set(name, [...(received.get(name) ?? []), data]);
        msg.respond(new TextEncoder().encode(JSON.stringify(answer(data))));
      },
    });
    responders.set(name, subscription);
  }

  function silence(name: QueryName): void {
    responders.get(name)?.unsubscribe();
    responders.delete(name);
  }

  const lastRequest = (name: QueryName) => received.get(name)?.at(-1);

  beforeAll(async () => {
    ({ natsUrl } = await testInfrastructure());
    namespace = createTestNamespace();
    nc = await connect(natsConnectionOptions(natsUrl));
    const config = loadConfig(apiConfigSchema, {
      NATS_URL: natsUrl,
      NATS_SUBJECT_PREFIX: namespace.subjectPrefix,
      NATS_STREAM_PREFIX: namespace.streamPrefix,
      RPC_TIMEOUT_MS: '2000',
    });
    app = await createApiApp(config, { logger: process.env.TEST_LOGS ? undefined : false });
    await app.listen(0);
    http = app.getHttpServer() as App;
    // Subscriptions must reach the server before the first request, or it finds no responder.
    await nc.flush();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  afterEach(async () => {
    for (const name of [...responders.keys()]) silence(name);
    received.clear();
    await nc.flush();
  });

  afterAll(async () => {
    await app?.close();
    await nc?.close();
    await namespace?.cleanup(natsUrl);
    await releaseTestInfrastructure();
  }, TEST_INFRASTRUCTURE_TIMEOUT_MS);

  async function ready(): Promise<void> {
    await nc.flush();
  }

  describe('GET /gazettes', () => {
    it('asks gazette.list with the page as numbers and returns the reply', async () => {
      respond('gazette.list', () => ok({ total: 1, items: [storedGazette] }));
      await ready();
      const response = await request(http).get('/gazettes?limit=10&offset=5').expect(200);
      expect(response.body).toEqual({ total: 1, items: [storedGazette] });
      expect(lastRequest('gazette.list')).toEqual({ limit: 10, offset: 5 });
    });

    it('fills in the default page', async () => {
      respond('gazette.list', () => ok({ total: 0, items: [] }));
      await ready();
      await request(http).get('/gazettes').expect(200);
      expect(lastRequest('gazette.list')).toEqual({ limit: 50, offset: 0 });
    });

    it('refuses a malformed page with 400 and the issues, without asking', async () => {
      respond('gazette.list', () => ok({ total: 0, items: [] }));
      await ready();
      const response = await request(http).get('/gazettes?limit=ten&offset=-1').expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(response.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['limit', 'offset']);
      await request(http).get('/gazettes?limit=501').expect(400);
      expect(received.get('gazette.list')).toBeUndefined();
    });

    it('answers 503 when nobody answers gazette.list', async () => {
      const response = await request(http).get('/gazettes').expect(503);
      expect(response.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
      expect(response.body.message).toBe(
        'the ingestion service did not answer gazette.list: no instance is running (no responder)',
      );
    });

    it('answers 503 when gazette.list is not answered in time', async () => {
      const subject = `${namespace.subjectPrefix}rpc.ingestion.gazette.list`;
      const mute = nc.subscribe(subject, { callback: () => undefined });
      await ready();
      try {
        const response = await request(http).get('/gazettes').expect(503);
        expect(response.body.message).toBe('the ingestion service did not answer gazette.list: no reply in time');
      } finally {
        mute.unsubscribe();
      }
    });

    it('answers 502 when the reply breaks the contract', async () => {
      respond('gazette.list', () => ok({ total: 'many' }));
      await ready();
      const response = await request(http).get('/gazettes').expect(502);
      expect(response.body.message).toContain('outside its contract');
    });

    it('answers 503 when the service reports a transient failure', async () => {
      respond('gazette.list', () => ({ ok: false, error: 'database unavailable', permanent: false }));
      await ready();
      const response = await request(http).get('/gazettes').expect(503);
      expect(response.body.message).toContain('database unavailable');
    });
  });

  describe('GET /gazettes/:id/progress', () => {
    const stage = (name: string, done: number, expected: number | null): StageProgress => ({
      gazette_id: GAZETTE_ID,
      stage: name,
      done,
      expected,
      updated_at: '2024-03-16T08:00:00.000Z',
    });

    function answerStages(notification: boolean): void {
      respond('ingestion.progress', () => ok(stage('ingestion', 1, 1)));
      respond('segmentation.progress', () => ok(stage('segmentation', 2, 2)));
      respond('extraction.progress', () => ok(stage('extraction', 2, 2)));
      respond('appointments.progress', () => ok(stage('appointments', 3, null)));
      if (notification) respond('notification.progress', () => ok(stage('notification', 4, null)));
    }

    it('asks every stage and reports complete when all are done', async () => {
      answerStages(true);
      await ready();
      const response = await request(http).get(`/gazettes/${GAZETTE_ID}/progress`).expect(200);
      expect(response.body).toMatchObject({ gazette_id: GAZETTE_ID, status: 'complete', complete: true, documents: 2 });
      expect(
        response.body.stages.map((s: { stage: string; status: string; done: number }) => [s.stage, s.status, s.done]),
      ).toEqual([
        ['ingestion', 'done', 1],
        ['segmentation', 'done', 2],
        ['extraction', 'done', 2],
        ['appointments', 'done', 3],
        ['notification', 'done', 4],
      ]);
      expect(lastRequest('notification.progress')).toEqual({ gazette_id: GAZETTE_ID });
    });

    it('shows a stage that does not answer as unavailable instead of failing', async () => {
      answerStages(false);
      await ready();
      const response = await request(http).get(`/gazettes/${GAZETTE_ID}/progress`).expect(200);
      expect(response.body).toMatchObject({ status: 'in_progress', complete: false });
      expect(response.body.stages[4]).toMatchObject({ stage: 'notification', status: 'unavailable', done: null });
      expect(response.body.stages[4].error).toContain('notification');
    });

    it('refuses an id that is not a sha256 digest', async () => {
      const response = await request(http).get('/gazettes/not-a-digest/progress').expect(400);
      expect(response.body.issues).toEqual([expect.objectContaining({ path: 'gazette_id' })]);
    });
  });

  describe('GET /documents', () => {
    it('maps the filters onto documents.search', async () => {
      respond('documents.search', () => ok({ total: 1, items: [documentSummary] }));
      await ready();
      const response = await request(http)
        .get('/documents')
        .query({
          region: '北京市',
          kind: '通知',
          category: 'regulation',
          issuer: '北京市人民政府',
          from: '2024-01-01',
          to: '2024-12-31',
          text: '办法',
          gazette_id: GAZETTE_ID,
          limit: '2',
          offset: '4',
        })
        .expect(200);
      expect(response.body).toEqual({ total: 1, items: [documentSummary] });
      expect(lastRequest('documents.search')).toEqual({
        region: '北京市',
        kind: '通知',
        category: 'regulation',
        issuer: '北京市人民政府',
        from: '2024-01-01',
        to: '2024-12-31',
        text: '办法',
        gazette_id: GAZETTE_ID,
        limit: 2,
        offset: 4,
      });
    });

    it('refuses an unknown category or a malformed date', async () => {
      const response = await request(http).get('/documents?category=poetry&from=2024-13-01').expect(400);
      expect(response.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['category', 'from']);
    });
  });

  describe('GET /documents/:id', () => {
    it('merges the document with its entities and regulation terms', async () => {
      respond('document.get', () => ok({ document: documentDetail }));
      respond('entities.get', () => ok(entitiesReply));
      await ready();
      const response = await request(http).get(`/documents/${DOCUMENT_ID}`).expect(200);
      expect(response.body).toEqual({
        ...documentDetail,
        entities: entitiesReply.entities,
        regulation: entitiesReply.regulation,
        extraction: 'done',
      });
      expect(lastRequest('document.get')).toEqual({ document_id: DOCUMENT_ID });
      expect(lastRequest('entities.get')).toEqual({ document_id: DOCUMENT_ID });
    });

    it('shows the document without entities while they are pending or extraction does not answer', async () => {
      respond('document.get', () => ok({ document: documentDetail }));
      respond('entities.get', () =>
        ok({
          document_id: DOCUMENT_ID,
          found: false,
          entities: [],
          regulation: null,
        } satisfies QueryReply<'entities.get'>),
      );
      await ready();
      const pending = await request(http).get(`/documents/${DOCUMENT_ID}`).expect(200);
      expect(pending.body).toMatchObject({ extraction: 'pending', entities: [], regulation: null });

      silence('entities.get');
      await ready();
      const unavailable = await request(http).get(`/documents/${DOCUMENT_ID}`).expect(200);
      expect(unavailable.body).toMatchObject({ title: documentDetail.title, extraction: 'unavailable' });
    });

    it('answers 404 for an unknown document and 400 for a malformed id', async () => {
      respond('document.get', () => ok({ document: null }));
      respond('entities.get', () => ok({ document_id: DOCUMENT_ID, found: false, entities: [], regulation: null }));
      await ready();
      const missing = await request(http).get(`/documents/${DOCUMENT_ID}`).expect(404);
      expect(missing.body.message).toContain(DOCUMENT_ID);
      await request(http).get('/documents/123').expect(400);
    });

    it('answers 503 when segmentation does not answer', async () => {
      const response = await request(http).get(`/documents/${DOCUMENT_ID}`).expect(503);
      expect(response.body.message).toContain('segmentation');
    });
  });

  describe('appointments, people and posts', () => {
    it('maps GET /appointments onto appointments.search', async () => {
      respond('appointments.search', () => ok({ total: 1, items: [appointmentItem] }));
      await ready();
      const response = await request(http)
        .get('/appointments')
        .query({
          person: '张三',
          organisation: '市财政局',
          region: '北京市',
          action: 'appoint',
          from: '2024-01-01',
          limit: '5',
        })
        .expect(200);
      expect(response.body).toEqual({ total: 1, items: [appointmentItem] });
      expect(lastRequest('appointments.search')).toEqual({
        person: '张三',
        organisation: '市财政局',
        region: '北京市',
        action: 'appoint',
        from: '2024-01-01',
        limit: 5,
        offset: 0,
      });
      await request(http).get('/appointments?action=promote').expect(400);
    });

    it('maps GET /people/:name/timeline onto person.timeline', async () => {
      respond('person.timeline', () => ok({ person: '张三', tenures: [tenure] }));
      await ready();
      const response = await request(http)
        .get(`/people/${encodeURIComponent('张三')}/timeline`)
        .expect(200);
      expect(response.body).toEqual({ person: '张三', tenures: [tenure] });
      expect(lastRequest('person.timeline')).toEqual({ person: '张三' });
    });

    it('maps GET /posts/holders onto post.holders and needs a post', async () => {
      respond('post.holders', () => ok({ post_key: tenure.post_key, current: [tenure], past: [] }));
      await ready();
      const response = await request(http)
        .get('/posts/holders')
        .query({ position: '市财政局局长', region: '北京市' })
        .expect(200);
      expect(response.body).toEqual({ post_key: tenure.post_key, current: [tenure], past: [] });
      expect(lastRequest('post.holders')).toEqual({ position: '市财政局局长', region: '北京市' });

      await request(http).get('/posts/holders').query({ post_key: tenure.post_key }).expect(200);
      expect(lastRequest('post.holders')).toEqual({ post_key: tenure.post_key });

      const missing = await request(http).get('/posts/holders?region=北京市').expect(400);
      expect(missing.body.message).toContain('post_key or position');
    });

    it('answers 503 when the appointments service does not answer', async () => {
      await request(http).get('/appointments').expect(503);
      await request(http)
        .get(`/people/${encodeURIComponent('张三')}/timeline`)
        .expect(503);
    });
  });

  it('GET /health reports the NATS connection', async () => {
    await request(http).get('/health').expect(200, { status: 'ok', nats: 'connected' });
  });

  it('serves the OpenAPI document at /docs', async () => {
    const json = await request(http).get('/docs-json').expect(200);
    expect(Object.keys(json.body.paths).sort()).toEqual(
      [
        '/admin/replay',
        '/admin/replays/{run}',
        '/appointments',
        '/documents',
        '/documents/{id}',
        '/gazettes',
        '/gazettes/{id}/progress',
        '/health',
        '/people/{name}/timeline',
        '/posts/holders',
        '/subscribers',
        '/subscriptions',
        '/subscriptions/{id}',
        '/subscriptions/{id}/rotate-secret',
        '/subscriptions/{id}/deliveries',
        '/subscriptions/{id}/feed.atom',
        '/subscriptions/{id}/stream',
        '/deliveries/{id}',
        '/deliveries/{id}/redeliver',
        '/feeds/{kind}/{region}.atom',
        '/events/stream',
      ].sort(),
    );
    const search = json.body.paths['/documents'].get;
    expect(search.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([
        'region',
        'kind',
        'category',
        'issuer',
        'from',
        'to',
        'text',
        'gazette_id',
        'limit',
        'offset',
      ]),
    );
    expect(search.responses['200'].content['application/json'].schema.properties).toHaveProperty('items');
    const page = await request(http).get('/docs').expect(200);
    expect(page.text).toContain('swagger');
  });
});
