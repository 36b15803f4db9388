import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGazette, type GazetteAppointment, type GazetteParse } from '@gazette-watch/parser';
import { documentId, gazetteId, type DocumentExtractedPayload } from '@gazette-watch/contracts';

/**
 * lvliang-2023 as the extraction service publishes it: one `document.extracted` payload per parsed
 * document, built the way libs/contracts/src/parser-parity.spec.ts builds them. Its three 吕政任
 * notices carry 37 appointment records.
 */
export interface ExtractedGazette {
  gazetteId: string;
  parse: GazetteParse;
  extracted: DocumentExtractedPayload[];
}

const SAMPLE = join(__dirname, '../../../samples/gazettes/lvliang-2023.txt');
export const PIPELINE_VERSION = 'parser@test';

export function lvliangGazette(): ExtractedGazette {
  const bytes = readFileSync(SAMPLE);
  const parse = parseGazette(bytes);
  const gazette = gazetteId(bytes);
  const extracted = parse.documents.map((parsed, index): DocumentExtractedPayload => {
    const own = parse.appointments
      .filter((a) => a.document_index === index)
      .map(({ document_index: _index, ...record }) => record);
    return {
      document_id: documentId(gazette, index),
      gazette_id: gazette,
      category: parsed.category,
      region: parse.gazette.region,
      entities: parsed.entities,
      regulation: parsed.regulation,
      appointments: own,
      pipeline_version: PIPELINE_VERSION,
    };
  });
  return { gazetteId: gazette, parse, extracted };
}

/** The document id of a record of the parse. */
export function documentOf(gazette: ExtractedGazette, record: GazetteAppointment): string {
  return documentId(gazette.gazetteId, record.document_index);
}
