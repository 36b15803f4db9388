import { documentId, gazetteId, type DocumentSegmentedPayload } from '@gazette-watch/contracts';
import { parseGazette, type Entity } from '@gazette-watch/parser';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { entityMentionRows, extractDocument, extractedPayload, regulationPayload } from './document-extraction.mapper';

const SAMPLES = join(__dirname, '../../../samples/gazettes');

function segmentedOf(file: string) {
  const bytes = readFileSync(join(SAMPLES, file));
  const parse = parseGazette(bytes);
  const gazette = gazetteId(bytes);
  const payloads: DocumentSegmentedPayload[] = parse.documents.map(
    ({ entities: _entities, regulation: _regulation, ...document }, index) => ({
      document_id: documentId(gazette, index),
      gazette_id: gazette,
      index,
      gazette: parse.gazette,
      document,
      appointments: [],
      pipeline_version: 'test',
    }),
  );
  return { parse, payloads };
}

describe('extractDocument', () => {
  it.each(readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')))(
    'finds in each document of %s what the whole-gazette parse finds',
    (file) => {
      const { parse, payloads } = segmentedOf(file);
      payloads.forEach((payload, index) => {
        expect(extractDocument(payload)).toEqual({
          entities: parse.documents[index].entities,
          regulation: parse.documents[index].regulation,
        });
      });
    },
  );
});

describe('entityMentionRows', () => {
  it('numbers the entities and keeps values as text', () => {
    const entities: Entity[] = [
      { type: 'money', text: '5万元', start: 3, end: 6, value: 50_000, unit: '元' },
      { type: 'law', text: '《办法》', start: 9, end: 13, doc_number: '晋政发〔2020〕1号' },
      { type: 'person', text: '张三', start: 20, end: 22, value: null },
    ];
    expect(entityMentionRows('d', entities, '0.1.0')).toEqual([
      {
        documentId: 'd',
        ordinal: 0,
        type: 'money',
        text: '5万元',
        start: 3,
        end: 6,
        value: '50000',
        unit: '元',
        docNumber: null,
        pipelineVersion: '0.1.0',
      },
      {
        documentId: 'd',
        ordinal: 1,
        type: 'law',
        text: '《办法》',
        start: 9,
        end: 13,
        value: null,
        unit: null,
        docNumber: '晋政发〔2020〕1号',
        pipelineVersion: '0.1.0',
      },
      {
        documentId: 'd',
        ordinal: 2,
        type: 'person',
        text: '张三',
        start: 20,
        end: 22,
        value: null,
        unit: null,
        docNumber: null,
        pipelineVersion: '0.1.0',
      },
    ]);
  });
});

describe('outgoing payloads', () => {
  const { payloads } = segmentedOf('lvliang-2023.txt');
  const regulation = payloads.find((p) => p.document.category === 'regulation');
  if (!regulation) throw new Error('lvliang has regulations');

  it('carries the region of the gazette and the appointments of the segmented document', () => {
    const segmented = { ...regulation, appointments: [] };
    const extraction = extractDocument(segmented);
    expect(extractedPayload(segmented, extraction, 'v')).toMatchObject({
      document_id: regulation.document_id,
      category: 'regulation',
      region: regulation.gazette.region,
      appointments: [],
      pipeline_version: 'v',
    });
  });

  it('describes a regulation by its document and terms', () => {
    const terms = { effective_from: '2024-01-01', effective_until: null, validity: null, repeals: ['《旧办法》'] };
    expect(regulationPayload(regulation, terms, 'v')).toEqual({
      document_id: regulation.document_id,
      gazette_id: regulation.gazette_id,
      region: regulation.gazette.region,
      publisher: regulation.gazette.publisher,
      title: regulation.document.title,
      doc_number: regulation.document.doc_number,
      doc_type: regulation.document.doc_type,
      signed_on: regulation.document.signed_on,
      effective_from: '2024-01-01',
      effective_until: null,
      repeals: ['《旧办法》'],
      issuers: regulation.document.issuers,
      body: regulation.document.body,
      pipeline_version: 'v',
    });
  });
});
