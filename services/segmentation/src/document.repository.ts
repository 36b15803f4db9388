import type {
  DocumentDetail,
  DocumentSummary,
  ReplayDocumentChanges,
  RpcReply,
  StageProgress,
} from '@gazette-watch/contracts';
import type { DocumentCategory } from '@gazette-watch/parser';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { documentsDiff } from './document-changes.diff';
import { documentSearchFilter, type DocumentSearchRequest } from './document-search.filter';
import { DocumentEntity } from './entities/document.entity';
import { GazetteIssueEntity } from './entities/gazette-issue.entity';
import { ReplayDocumentReportEntity } from './entities/replay-document-report.entity';
import { SEGMENTATION_SCHEMA } from './segmentation.data-source';

/** Upserts stay well below PostgreSQL's 65 535 bind parameters (22 per document). */
const UPSERT_CHUNK = 500;

const DOCUMENT = `"${SEGMENTATION_SCHEMA}".document`;
const GAZETTE_ISSUE = `"${SEGMENTATION_SCHEMA}".gazette_issue`;
const REPLAY_DOCUMENT_REPORT = `"${SEGMENTATION_SCHEMA}".replay_document_report`;

const SUMMARY_COLUMNS = `d.document_id, d.gazette_id, d."index", d.title, d.doc_number, d.doc_type, d.category,
  d.issuers, d.signed_on, d.section, d.region, d.publisher, d.start_line, d.confidence`;

interface SummaryRow {
  document_id: string;
  gazette_id: string;
  index: number;
  title: string;
  doc_number: string | null;
  doc_type: string | null;
  category: DocumentCategory;
  issuers: string[];
  signed_on: string | null;
  section: string | null;
  region: string | null;
  publisher: string | null;
  start_line: number;
  confidence: number;
}

interface DetailRow extends SummaryRow {
  end_line: number;
  recipients: string[];
  body: string;
  attachments: string[];
  publicity: string | null;
  text: string;
  reasons: string[];
  gazette_publisher: string | null;
  gazette_region: string | null;
  year: number | null;
  issue: string | null;
  total_issue: number | null;
  published_on: string | null;
}

/** The `gazette_issue` and `document` tables. */
@Injectable()
export class DocumentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores a gazette and exactly the documents of its latest parse in one transaction: documents
   * are upserted by id, and those a re-parse no longer finds (a higher index) are deleted, so a
   * reader never sees a mix of two parses.
   *
   * For a replay run it also compares the parse with what was stored and keeps that report with
   * the rows it describes; it returns the changes it found (null outside a replay).
   */
  async replaceGazette(
    issue: GazetteIssueEntity,
    documents: DocumentEntity[],
    replay?: { runId: string },
  ): Promise<ReplayDocumentChanges | null> {
    return this.dataSource.transaction(async (manager) => {
      let changes: ReplayDocumentChanges | null = null;
      if (replay) {
        // Two runs re-parsing one gazette at once each compare against a settled state.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('segmentation:gazette:' || $1, 0))`, [
          issue.gazetteId,
        ]);
        const before = await manager.find(DocumentEntity, { where: { gazetteId: issue.gazetteId } });
        changes = documentsDiff(before, documents);
      }
      await manager.upsert(GazetteIssueEntity, issue, ['gazetteId']);
      for (let i = 0; i < documents.length; i += UPSERT_CHUNK) {
        await manager.upsert(DocumentEntity, documents.slice(i, i + UPSERT_CHUNK), ['documentId']);
      }
      await manager.query(`DELETE FROM ${DOCUMENT} WHERE gazette_id = $1 AND "index" >= $2`, [
        issue.gazetteId,
        documents.length,
      ]);
      if (replay && changes) {
        // The first report of the run wins: a redelivery compares the parse with itself.
        await manager
          .createQueryBuilder()
          .insert()
          .into(ReplayDocumentReportEntity)
          .values({
            runId: replay.runId,
            gazetteId: issue.gazetteId,
            documentCount: documents.length,
            ...changes,
            pipelineVersion: issue.pipelineVersion,
          })
          .orIgnore()
          .execute();
      }
      return changes;
    });
  }

  /**
   * Per gazette: the pipeline version of its stored rows and, for a run, the run's report (null
   * until the run's re-parse was stored), in the order asked.
   */
  async replayReports(gazetteIds: readonly string[], runId?: string): Promise<RpcReply<'replay.documents-report'>> {
    const issues = (await this.dataSource.query(
      `SELECT gazette_id, pipeline_version FROM ${GAZETTE_ISSUE} WHERE gazette_id = ANY($1::text[])`,
      [gazetteIds],
    )) as Array<{ gazette_id: string; pipeline_version: string }>;
    const reports =
      runId === undefined
        ? []
        : ((await this.dataSource.query(
            `SELECT gazette_id, document_count, added, removed, changed, pipeline_version, reported_at
               FROM ${REPLAY_DOCUMENT_REPORT} WHERE run_id = $1 AND gazette_id = ANY($2::text[])`,
            [runId, gazetteIds],
          )) as Array<{
            gazette_id: string;
            document_count: number;
            added: ReplayDocumentChanges['added'];
            removed: ReplayDocumentChanges['removed'];
            changed: ReplayDocumentChanges['changed'];
            pipeline_version: string;
            reported_at: Date;
          }>);
    const versions = new Map(issues.map((row) => [row.gazette_id, row.pipeline_version]));
    const byGazette = new Map(reports.map((row) => [row.gazette_id, row]));
    return {
      items: gazetteIds.map((gazetteId) => {
        const report = byGazette.get(gazetteId);
        return {
          gazette_id: gazetteId,
          pipeline_version: versions.get(gazetteId) ?? null,
          report: report
            ? {
                document_count: report.document_count,
                added: report.added,
                removed: report.removed,
                changed: report.changed,
                pipeline_version: report.pipeline_version,
                reported_at: report.reported_at.toISOString(),
              }
            : null,
        };
      }),
    };
  }

  /** Newest signature first; documents without a date last; ties in gazette order. */
  async search(request: DocumentSearchRequest): Promise<RpcReply<'documents.search'>> {
    const filter = documentSearchFilter(request);
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM ${DOCUMENT} d WHERE ${filter.where}`,
      filter.params,
    )) as Array<{ total: number }>;
    const page = filter.params.length;
    const rows = (await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM ${DOCUMENT} d WHERE ${filter.where}
       ORDER BY d.signed_on DESC NULLS LAST, d.gazette_id, d."index"
       LIMIT $${page + 1} OFFSET $${page + 2}`,
      [...filter.params, request.limit, request.offset],
    )) as SummaryRow[];
    return { total, items: rows.map(toSummary) };
  }

  async get(documentId: string): Promise<DocumentDetail | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS}, d.end_line, d.recipients, d.body, d.attachments, d.publicity, d.text, d.reasons,
              g.publisher AS gazette_publisher, g.region AS gazette_region, g.year, g.issue, g.total_issue,
              g.published_on
       FROM ${DOCUMENT} d JOIN ${GAZETTE_ISSUE} g ON g.gazette_id = d.gazette_id
       WHERE d.document_id = $1`,
      [documentId],
    )) as DetailRow[];
    const row = rows[0];
    if (!row) return null;
    return {
      ...toSummary(row),
      gazette: {
        publisher: row.gazette_publisher,
        region: row.gazette_region,
        year: row.year,
        issue: row.issue,
        total_issue: row.total_issue,
        published_on: row.published_on,
      },
      end_line: row.end_line,
      recipients: row.recipients,
      body: row.body,
      attachments: row.attachments,
      publicity: row.publicity,
      text: row.text,
      reasons: row.reasons,
    };
  }

  /** Documents stored for a gazette against the number its parse found (unknown before it is segmented). */
  async progress(gazetteId: string, stage: string): Promise<StageProgress> {
    const rows = (await this.dataSource.query(
      `SELECT g.document_count, g.appointment_count, g.regulation_count, g.segmented_at,
              (SELECT count(*)::int FROM ${DOCUMENT} d WHERE d.gazette_id = g.gazette_id) AS done
       FROM ${GAZETTE_ISSUE} g WHERE g.gazette_id = $1`,
      [gazetteId],
    )) as Array<{
      document_count: number;
      appointment_count: number;
      regulation_count: number;
      segmented_at: Date;
      done: number;
    }>;
    const row = rows[0];
    return {
      gazette_id: gazetteId,
      stage,
      done: row?.done ?? 0,
      expected: row?.document_count ?? null,
      updated_at: row ? row.segmented_at.toISOString() : null,
      ...(row ? { expected_facts: { appointments: row.appointment_count, regulations: row.regulation_count } } : {}),
    };
  }
}

function toSummary(row: SummaryRow): DocumentSummary {
  return {
    document_id: row.document_id,
    gazette_id: row.gazette_id,
    index: row.index,
    title: row.title,
    doc_number: row.doc_number,
    doc_type: row.doc_type,
    category: row.category,
    issuers: row.issuers,
    signed_on: row.signed_on,
    section: row.section,
    region: row.region,
    publisher: row.publisher,
    start_line: row.start_line,
    confidence: row.confidence,
  };
}
