import { normaliseName, parsePost, type ApplicableRecord, type Post } from '@gazette-watch/appointment-rules';
import {
  appointmentId,
  type AppointmentItem,
  type AppointmentRecordData,
  type AppointmentRecordedPayload,
  type DocumentExtractedPayload,
} from '@gazette-watch/contracts';
import type { AppointmentEntity } from './entities/appointment.entity';
import type { PersonEntity } from './entities/person.entity';
import type { PostEntity } from './entities/post.entity';

/**
 * Pure mapping between the records `document.extracted` carries, the service's rows and the
 * `appointment.recorded` payloads. No I/O here, so it is unit-tested on its own.
 */

/** The fields of `document.extracted` the service uses, as the use case receives them. */
export type ExtractedDocument = Pick<
  DocumentExtractedPayload,
  'document_id' | 'gazette_id' | 'category' | 'region' | 'appointments' | 'pipeline_version'
> &
  Partial<Pick<DocumentExtractedPayload, 'document'>>;

/** A personnel document or any document that carries records; everything else is not ours. */
export function carriesAppointments(document: Pick<ExtractedDocument, 'category' | 'appointments'>): boolean {
  return document.category === 'personnel' || document.appointments.length > 0;
}

export type AppointmentRow = Omit<AppointmentEntity, 'recordedAt'>;

/** A record, its row and its post, in the order the document lists them. */
export interface MappedRecord {
  record: AppointmentRecordData;
  row: AppointmentRow;
  post: Post;
}

/**
 * The document's records with their ids and posts. A notice that lists the same person, action and
 * position twice states one fact: the first listing is kept, so one statement never upserts a
 * row twice.
 */
export function mapRecords(document: ExtractedDocument): MappedRecord[] {
  const seen = new Set<string>();
  const mapped: MappedRecord[] = [];
  for (const record of document.appointments) {
    const id = appointmentId(document.document_id, record.person, record.action, record.position);
    if (seen.has(id)) continue;
    seen.add(id);
    const post = parsePost(record.position, { region: document.region });
    mapped.push({
      record,
      post,
      row: {
        appointmentId: id,
        documentId: document.document_id,
        gazetteId: document.gazette_id,
        region: document.region,
        person: record.person,
        action: record.action,
        method: record.method,
        position: record.position,
        // Resolved ("吕梁市人民政府", not "市政府"): search matches the printed form through `position`.
        organisation: post.organisation_full || null,
        title: post.title || null,
        postKey: post.key,
        qualifiers: record.qualifiers,
        notes: record.notes,
        meeting: record.meeting,
        meetingDate: record.meeting_date,
        docNumber: record.doc_number,
        signedOn: record.signed_on,
        confidence: record.confidence,
        reasons: record.reasons,
        pipelineVersion: document.pipeline_version,
      },
    });
  }
  return mapped;
}

/** `<region>/<name>`: the simple identity of a person (see `PersonEntity`). */
export function personKey(region: string | null, name: string): string {
  return `${region ?? ''}/${normaliseName(name)}`;
}

/**
 * One row per person of the document, with the first and last dates among their records. Rows come
 * sorted by key, so that concurrent transactions lock shared rows in the same order.
 */
export function personRows(document: ExtractedDocument, records: readonly MappedRecord[]): PersonEntity[] {
  const byKey = new Map<string, PersonEntity>();
  for (const { record } of records) {
    const key = personKey(document.region, record.person);
    const date = record.signed_on;
    const current = byKey.get(key);
    if (!current) {
      byKey.set(key, {
        personKey: key,
        name: normaliseName(record.person),
        region: document.region,
        firstSeenOn: date,
        lastSeenOn: date,
        pipelineVersion: document.pipeline_version,
      });
    } else if (date !== null) {
      current.firstSeenOn = current.firstSeenOn === null || date < current.firstSeenOn ? date : current.firstSeenOn;
      current.lastSeenOn = current.lastSeenOn === null || date > current.lastSeenOn ? date : current.lastSeenOn;
    }
  }
  return sortedByKey(byKey);
}

/** One row per post of the document (the first spelling met of each key), sorted by key. */
export function postRows(document: ExtractedDocument, records: readonly MappedRecord[]): PostEntity[] {
  const byKey = new Map<string, PostEntity>();
  for (const { post } of records) {
    if (byKey.has(post.key)) continue;
    byKey.set(post.key, {
      postKey: post.key,
      organisation: post.organisation,
      organisationFull: post.organisation_full,
      title: post.title,
      region: document.region,
      pipelineVersion: document.pipeline_version,
    });
  }
  return sortedByKey(byKey);
}

function sortedByKey<T>(byKey: Map<string, T>): T[] {
  return [...byKey.keys()].sort().map((key) => byKey.get(key) as T);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The record as the timeline rules take it. They place records by day and refuse anything else;
 * a notice dated only to the month still counts, as an undated record, rather than sending the
 * whole document to the dead letters. The row keeps the printed date.
 */
export function applicableRecord(document: ExtractedDocument, record: AppointmentRecordData): ApplicableRecord {
  return {
    document_id: document.document_id,
    region: document.region,
    doc_number: record.doc_number,
    person: record.person,
    action: record.action,
    method: record.method,
    position: record.position,
    qualifiers: record.qualifiers,
    signed_on: record.signed_on !== null && ISO_DATE.test(record.signed_on) ? record.signed_on : null,
  };
}

/** A stored row as the timeline rules take it, like `applicableRecord` does for a fresh record. */
export function applicableRecordOfRow(row: AppointmentRow): ApplicableRecord {
  return {
    document_id: row.documentId,
    region: row.region,
    doc_number: row.docNumber,
    person: row.person,
    action: row.action,
    method: row.method,
    position: row.position,
    qualifiers: row.qualifiers,
    signed_on: row.signedOn !== null && ISO_DATE.test(row.signedOn) ? row.signedOn : null,
  };
}

/** The `appointment.recorded` payload of a stored row; `organisation` is the resolved full name. */
export function recordedPayload(
  row: AppointmentRow,
  document: DocumentExtractedPayload['document'] = undefined,
): AppointmentRecordedPayload {
  return {
    appointment_id: row.appointmentId,
    document_id: row.documentId,
    gazette_id: row.gazetteId,
    region: row.region,
    person: row.person,
    action: row.action,
    method: row.method,
    position: row.position,
    organisation: row.organisation,
    qualifiers: row.qualifiers,
    notes: row.notes,
    doc_number: row.docNumber,
    signed_on: row.signedOn,
    // The notice's own facts travel with each record for subscribers' filters; not stored here.
    document_title: document?.title ?? null,
    doc_type: document?.doc_type ?? null,
    publisher: document?.publisher ?? null,
    issuers: document?.issuers ?? [],
    pipeline_version: row.pipelineVersion,
  };
}

/** A stored row as `appointments.search` lists it. */
export function appointmentItem(row: AppointmentRow): AppointmentItem {
  return {
    appointment_id: row.appointmentId,
    document_id: row.documentId,
    gazette_id: row.gazetteId,
    region: row.region,
    person: row.person,
    action: row.action,
    method: row.method,
    position: row.position,
    organisation: row.organisation,
    title: row.title,
    post_key: row.postKey,
    qualifiers: row.qualifiers,
    notes: row.notes,
    doc_number: row.docNumber,
    signed_on: row.signedOn,
  };
}
