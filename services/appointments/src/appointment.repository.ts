import { normaliseName } from '@gazette-watch/appointment-rules';
import type { RpcRequest } from '@gazette-watch/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { AppointmentRow } from './appointment-record.mapper';
import { AppointmentEntity } from './entities/appointment.entity';
import type { PersonEntity } from './entities/person.entity';
import type { PostEntity } from './entities/post.entity';

/** Columns a redelivered or re-parsed record overwrites; the key is all that stays. */
const APPOINTMENT_UPDATED = [
  'document_id',
  'gazette_id',
  'region',
  'person',
  'action',
  'method',
  'position',
  'organisation',
  'title',
  'post_key',
  'qualifiers',
  'notes',
  'meeting',
  'meeting_date',
  'doc_number',
  'signed_on',
  'confidence',
  'reasons',
  'pipeline_version',
  'recorded_at',
];

export type AppointmentSearchRequest = RpcRequest<'appointments.search'>;

export interface AppointmentPage {
  total: number;
  rows: AppointmentEntity[];
}

export interface GazetteAppointmentCount {
  done: number;
  updatedAt: Date | null;
}

/** The record tables: `appointment`, `person` and `post`. Writes take the caller's transaction. */
export class AppointmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  async upsertAppointments(manager: EntityManager, rows: readonly AppointmentRow[]): Promise<void> {
    if (rows.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(AppointmentEntity)
      .values(rows.map((row) => ({ ...row })))
      .orUpdate(APPOINTMENT_UPDATED, ['appointment_id'])
      .execute();
  }

  /** Widens the first/last seen dates; a row never loses a date it had. */
  async upsertPersons(manager: EntityManager, rows: readonly PersonEntity[]): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO person (person_key, name, region, first_seen_on, last_seen_on, pipeline_version)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       ON CONFLICT (person_key) DO UPDATE SET
         first_seen_on = LEAST(person.first_seen_on, EXCLUDED.first_seen_on),
         last_seen_on = GREATEST(person.last_seen_on, EXCLUDED.last_seen_on),
         pipeline_version = EXCLUDED.pipeline_version`,
      [
        rows.map((r) => r.personKey),
        rows.map((r) => r.name),
        rows.map((r) => r.region),
        rows.map((r) => r.firstSeenOn),
        rows.map((r) => r.lastSeenOn),
        rows.map((r) => r.pipelineVersion),
      ],
    );
  }

  /**
   * Of the spellings of one post key the smallest is kept (code-point order, like the rules' own
   * choice of display spelling), so the row does not depend on which document came first. The
   * version is the last writer's, whichever spelling stays.
   */
  async upsertPosts(manager: EntityManager, rows: readonly PostEntity[]): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO post (post_key, organisation, organisation_full, title, region, pipeline_version)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       ON CONFLICT (post_key) DO UPDATE SET
         organisation = CASE WHEN ${SMALLER_SPELLING} THEN EXCLUDED.organisation ELSE post.organisation END,
         organisation_full = CASE WHEN ${SMALLER_SPELLING} THEN EXCLUDED.organisation_full ELSE post.organisation_full END,
         title = CASE WHEN ${SMALLER_SPELLING} THEN EXCLUDED.title ELSE post.title END,
         region = CASE WHEN ${SMALLER_SPELLING} THEN EXCLUDED.region ELSE post.region END,
         pipeline_version = EXCLUDED.pipeline_version`,
      [
        rows.map((r) => r.postKey),
        rows.map((r) => r.organisation),
        rows.map((r) => r.organisationFull),
        rows.map((r) => r.title),
        rows.map((r) => r.region),
        rows.map((r) => r.pipelineVersion),
      ],
    );
  }

  /** Serialises a replay's documents of one gazette while one of them drops what the new parse lost. */
  async lockGazette(manager: EntityManager, gazetteId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('appointments:gazette:' || $1, 0))`, [
      gazetteId,
    ]);
  }

  /** The stored records of one document. */
  async ofDocument(manager: EntityManager, documentId: string): Promise<AppointmentRow[]> {
    return manager.getRepository(AppointmentEntity).find({ where: { documentId } });
  }

  /** The stored records of a gazette's documents at or beyond `index` (a re-parse found fewer). */
  async ofGazetteFrom(manager: EntityManager, gazetteId: string, index: number): Promise<AppointmentRow[]> {
    return manager
      .getRepository(AppointmentEntity)
      .createQueryBuilder('a')
      .where('a.gazette_id = :gazetteId', { gazetteId })
      .andWhere("split_part(a.document_id, ':', 2)::int >= :index", { index })
      .getMany();
  }

  /** Every stored record of the given posts: what their tenures are rebuilt from after a removal. */
  async ofPosts(manager: EntityManager, postKeys: readonly string[]): Promise<AppointmentRow[]> {
    if (postKeys.length === 0) return [];
    return manager
      .getRepository(AppointmentEntity)
      .createQueryBuilder('a')
      .where('a.post_key = ANY(:keys)', { keys: [...postKeys] })
      .getMany();
  }

  async deleteAppointments(manager: EntityManager, appointmentIds: readonly string[]): Promise<void> {
    if (appointmentIds.length === 0) return;
    await manager.query('DELETE FROM appointment WHERE appointment_id = ANY($1::text[])', [[...appointmentIds]]);
  }

  /** Newest first (undated last), then by document and id so that pages are stable. */
  async search(request: AppointmentSearchRequest): Promise<AppointmentPage> {
    const query = this.dataSource.getRepository(AppointmentEntity).createQueryBuilder('a');
    if (request.person !== undefined) {
      // Compared like the rules compare names (NFKC, no whitespace): PDF layout spaces fall inside names.
      query.andWhere("regexp_replace(normalize(a.person, NFKC), '\\s+', '', 'g') = :person", {
        person: normaliseName(request.person),
      });
    }
    if (request.organisation !== undefined) {
      query.andWhere('(a.organisation ILIKE :organisation OR a.position ILIKE :organisation)', {
        organisation: `%${escapeLike(request.organisation)}%`,
      });
    }
    if (request.region !== undefined) query.andWhere('a.region = :region', { region: request.region });
    if (request.action !== undefined) query.andWhere('a.action = :action', { action: request.action });
    if (request.from !== undefined) query.andWhere('a.signed_on >= :from', { from: request.from });
    if (request.to !== undefined) query.andWhere('a.signed_on <= :to', { to: request.to });
    const [rows, total] = await query
      .orderBy('a.signed_on', 'DESC', 'NULLS LAST')
      .addOrderBy('a.document_id', 'ASC')
      .addOrderBy('a.appointment_id', 'ASC')
      .skip(request.offset)
      .take(request.limit)
      .getManyAndCount();
    return { total, rows };
  }

  async countOfGazette(gazetteId: string): Promise<GazetteAppointmentCount> {
    const [result] = (await this.dataSource.query(
      'SELECT count(*)::int AS done, max(recorded_at) AS updated_at FROM appointment WHERE gazette_id = $1',
      [gazetteId],
    )) as Array<{ done: number; updated_at: Date | null }>;
    return { done: result.done, updatedAt: result.updated_at };
  }
}

/** The incoming spelling of a post sorts before the stored one (code-point order). */
const SMALLER_SPELLING = `(EXCLUDED.organisation_full COLLATE "C", EXCLUDED.title COLLATE "C", EXCLUDED.organisation COLLATE "C")
  < (post.organisation_full COLLATE "C", post.title COLLATE "C", post.organisation COLLATE "C")`;

/** `%` and `_` typed by a user are letters, not wildcards. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
