import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  parseGazette,
  type AppointmentRecord,
  type Entity,
  type GazetteMetadata,
  type GazetteParse,
  type ParsedDocument,
  type RegulationTerms,
} from '@gazette-watch/parser';
import { makeEnvelope } from './envelope.codec';
import {
  appointmentRecordedPayloadSchema,
  documentExtractedPayloadSchema,
  documentSegmentedPayloadSchema,
  gazetteIngestedPayloadSchema,
  regulationPublishedPayloadSchema,
  type AppointmentRecordedPayload,
  type DocumentExtractedPayload,
  type DocumentSegmentedPayload,
  type GazetteIngestedPayload,
  type RegulationPublishedPayload,
} from './event-payload.schema';
import { appointmentId, documentId, gazetteId } from './message-id';
import type {
  AppointmentRecordData,
  EntityData,
  GazetteMetadataData,
  RegulationTermsData,
  SegmentedDocumentData,
} from './parser-model.schema';

/**
 * The schemas against the parser: at compile time (`tsc` fails below when a field of the parser's
 * model and its zod mirror differ in name, optionality or type) and at run time on real gazettes.
 */

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

assertType<Equals<GazetteMetadataData, GazetteMetadata>>();
assertType<Equals<EntityData, Entity>>();
assertType<Equals<RegulationTermsData, RegulationTerms>>();
assertType<Equals<AppointmentRecordData, AppointmentRecord>>();
assertType<Equals<SegmentedDocumentData, Omit<ParsedDocument, 'entities' | 'regulation'>>>();

const SAMPLES = join(__dirname, '../../../samples/gazettes');
const PIPELINE = 'parser@test';

/** What the segmentation, extraction and fact services will publish for one parsed gazette. */
function payloadsOf(bytes: Uint8Array, fileName: string, parse: GazetteParse) {
  const gazette = gazetteId(bytes);
  const ingested: GazetteIngestedPayload = {
    gazette_id: gazette,
    sha256: gazette,
    byte_length: bytes.byteLength,
    file_name: fileName,
    media_type: 'text/plain',
    source: { region: parse.gazette.region ?? undefined },
    stored_at: '2024-03-01T08:00:00.000Z',
  };
  const segmented: DocumentSegmentedPayload[] = [];
  const extracted: DocumentExtractedPayload[] = [];
  const regulations: RegulationPublishedPayload[] = [];
  const appointments: AppointmentRecordedPayload[] = [];
  parse.documents.forEach((parsed, index) => {
    const { entities, regulation, ...document } = parsed;
    const id = documentId(gazette, index);
    // Each appointment names the document it came from; the payload carries the record without that index.
    const own = parse.appointments
      .filter((a) => a.document_index === index)
      .map(({ document_index: _index, ...record }) => record);
    segmented.push({
      document_id: id,
      gazette_id: gazette,
      index,
      gazette: parse.gazette,
      document,
      appointments: own,
      pipeline_version: PIPELINE,
    });
    extracted.push({
      document_id: id,
      gazette_id: gazette,
      category: parsed.category,
      region: parse.gazette.region,
      entities,
      regulation,
      appointments: own,
      document: {
        title: parsed.title,
        doc_type: parsed.doc_type,
        publisher: parse.gazette.publisher,
        issuers: parsed.issuers,
      },
      pipeline_version: PIPELINE,
    });
    if (regulation) {
      regulations.push({
        document_id: id,
        gazette_id: gazette,
        region: parse.gazette.region,
        publisher: parse.gazette.publisher,
        title: parsed.title,
        doc_number: parsed.doc_number,
        doc_type: parsed.doc_type,
        signed_on: parsed.signed_on,
        effective_from: regulation.effective_from,
        effective_until: regulation.effective_until,
        repeals: regulation.repeals,
        issuers: parsed.issuers,
        body: parsed.body,
        pipeline_version: PIPELINE,
      });
    }
    for (const a of own) {
      appointments.push({
        appointment_id: appointmentId(id, a.person, a.action, a.position),
        document_id: id,
        gazette_id: gazette,
        region: parse.gazette.region,
        person: a.person,
        action: a.action,
        method: a.method,
        position: a.position,
        organisation: null,
        qualifiers: a.qualifiers,
        notes: a.notes,
        doc_number: a.doc_number,
        signed_on: a.signed_on,
        document_title: parsed.title,
        doc_type: parsed.doc_type,
        publisher: parse.gazette.publisher,
        issuers: parsed.issuers,
        pipeline_version: PIPELINE,
      });
    }
  });
  return { ingested, segmented, extracted, regulations, appointments };
}

function expectValid(schema: { safeParse(data: unknown): { success: boolean; error?: unknown } }, data: unknown) {
  const result = schema.safeParse(data);
  if (!result.success) throw new Error(`${JSON.stringify(data).slice(0, 200)}…\n${String(result.error)}`);
}

describe('the contracts fit real parser output', () => {
  const lvliang = readFileSync(join(SAMPLES, 'lvliang-2023.txt'));
  const payloads = payloadsOf(lvliang, 'lvliang-2023.txt', parseGazette(lvliang));

  it('maps lvliang-2023 into every kind of payload', () => {
    expect(payloads.segmented.length).toBeGreaterThan(10);
    expect(payloads.regulations.length).toBeGreaterThan(0);
    expect(payloads.appointments.length).toBeGreaterThan(0);
    expect(payloads.extracted.flatMap((p) => p.entities).length).toBeGreaterThan(100);
  });

  it('validates each lvliang-2023 payload against its schema', () => {
    expectValid(gazetteIngestedPayloadSchema, payloads.ingested);
    for (const p of payloads.segmented) expectValid(documentSegmentedPayloadSchema, p);
    for (const p of payloads.extracted) expectValid(documentExtractedPayloadSchema, p);
    for (const p of payloads.regulations) expectValid(regulationPublishedPayloadSchema, p);
    for (const p of payloads.appointments) expectValid(appointmentRecordedPayloadSchema, p);
  });

  it('round-trips a segmented document through JSON and an envelope unchanged', () => {
    const payload = payloads.segmented.find((p) => p.appointments.length) ?? payloads.segmented[0];
    const wire = JSON.parse(
      JSON.stringify(
        makeEnvelope('document.segmented', payload, { id: 'x', correlationId: 'c', producer: 'segmentation' }),
      ),
    );
    expect(
      makeEnvelope('document.segmented', wire.payload, { id: 'x', correlationId: 'c', producer: 'segmentation' })
        .payload,
    ).toEqual(payload);
  });

  it('gives every appointment of lvliang-2023 a distinct id', () => {
    const ids = payloads.appointments.map((a) => a.appointment_id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(readdirSync(SAMPLES).filter((f) => f.endsWith('.txt') && f !== 'lvliang-2023.txt'))(
    'validates the payloads of %s too',
    (file) => {
      const bytes = readFileSync(join(SAMPLES, file));
      const all = payloadsOf(bytes, file, parseGazette(bytes));
      for (const p of all.segmented) expectValid(documentSegmentedPayloadSchema, p);
      for (const p of all.extracted) expectValid(documentExtractedPayloadSchema, p);
      for (const p of all.regulations) expectValid(regulationPublishedPayloadSchema, p);
      for (const p of all.appointments) expectValid(appointmentRecordedPayloadSchema, p);
    },
  );
});
