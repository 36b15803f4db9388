import { gazetteId } from '@gazette-watch/contracts';
import { parseGazette } from '@gazette-watch/parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentRows, gazetteIssueRow, segmentedPayloads } from './gazette-parse.mapper';

const bytes = readFileSync(join(__dirname, '../../../samples/gazettes/lvliang-2023.txt'));
const parse = parseGazette(bytes);
const id = gazetteId(bytes);

describe('gazette parse mapping', () => {
  it('describes the issue with the parse’s metadata and document count', () => {
    const at = new Date('2024-01-01T00:00:00Z');
    expect(gazetteIssueRow(id, parse, 'v1', at)).toMatchObject({
      gazetteId: id,
      region: parse.gazette.region,
      publisher: parse.gazette.publisher,
      year: parse.gazette.year,
      documentCount: parse.documents.length,
      toc: parse.toc,
      pipelineVersion: 'v1',
      segmentedAt: at,
    });
  });

  it('keys each document row by gazette and position and copies the gazette’s region', () => {
    const rows = documentRows(id, parse, 'v1');
    expect(rows.map((r) => r.documentId)).toEqual(parse.documents.map((_, i) => `${id}:${i}`));
    expect(rows[3]).toMatchObject({
      index: 3,
      title: parse.documents[3].title,
      docNumber: parse.documents[3].doc_number,
      region: parse.gazette.region,
      text: parse.documents[3].text,
    });
    expect(rows[3]).not.toHaveProperty('entities');
  });

  it('gives every segmented payload the appointments of its own document only', () => {
    const payloads = segmentedPayloads(id, parse, 'v1');
    expect(payloads).toHaveLength(parse.documents.length);
    payloads.forEach((payload, index) => {
      expect(payload.document).not.toHaveProperty('entities');
      expect(payload.document).not.toHaveProperty('regulation');
      expect(payload.appointments).toHaveLength(parse.appointments.filter((a) => a.document_index === index).length);
      expect(payload.appointments.every((a) => !('document_index' in a))).toBe(true);
    });
    const personnel = payloads.filter((p) => p.document.category === 'personnel');
    expect(personnel.flatMap((p) => p.appointments)).toHaveLength(parse.appointments.length);
  });
});
