import { z } from 'zod';
import { replayRunSchema } from './envelope.schema';
import { documentIdSchema, sha256HexSchema } from './event-payload.schema';
import { appointmentActionSchema } from './parser-model.schema';
import { commandErrorSchema } from './subscription.schema';

/**
 * Replays: re-running stored gazettes through the current pipeline. The ingestion service owns the
 * runs (`replay.start`, `replay.status`); segmentation and appointments keep what each run changed
 * and answer for it (`replay.documents-report`, `replay.appointments-report`).
 */

export type ReplayRunId = z.infer<typeof replayRunSchema>;

const timestamp = z.iso.datetime({ offset: true });

/** Replies of commands that can be refused: the result, or why not (the subscription commands' shape). */
function outcome<T extends z.ZodType>(result: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), result }),
    z.object({ ok: z.literal(false), error: commandErrorSchema }),
  ]);
}

/** Which stored gazettes a run replays: exactly one of the three. */
export const replaySelectionSchema = z.discriminatedUnion('by', [
  /** These gazettes; an empty list selects nothing. */
  z.object({ by: z.literal('gazettes'), gazette_ids: z.array(sha256HexSchema) }),
  /** Every stored gazette. */
  z.object({ by: z.literal('all') }),
  /** The gazettes received on or after this day (UTC). */
  z.object({ by: z.literal('since'), since: z.iso.date() }),
]);
export type ReplaySelection = z.infer<typeof replaySelectionSchema>;

/** The fields of the selectors, before the rule that exactly one is given (for documentation). */
export const replaySelectorFieldsSchema = z
  .object({
    gazette_ids: z.array(sha256HexSchema).max(10_000, 'at most 10 000 gazettes in one run').optional(),
    all: z.literal(true, { error: 'all must be true when given' }).optional(),
    since: z.iso.date({ error: 'since must be a date (YYYY-MM-DD)' }).optional(),
    dry_run: z.boolean().default(false),
  })
  .strict();

function exactlyOneSelector(
  selectors: Pick<z.infer<typeof replaySelectorFieldsSchema>, 'gazette_ids' | 'all' | 'since'>,
  context: z.RefinementCtx,
): void {
  const given = (['gazette_ids', 'all', 'since'] as const).filter((key) => selectors[key] !== undefined);
  if (given.length !== 1) {
    context.addIssue({
      code: 'custom',
      path: given.length ? [given[1]] : [],
      message: `name exactly one of gazette_ids, all or since (got ${given.length ? given.join(', ') : 'none'})`,
    });
  }
}

/**
 * The selectors as a caller sends them (`POST /admin/replay`, `gazette replay`): one of
 * `gazette_ids`, `all: true` or `since`.
 */
export const replaySelectorsSchema = replaySelectorFieldsSchema.superRefine(exactlyOneSelector);
export type ReplaySelectors = z.input<typeof replaySelectorsSchema>;

/** The one selector given, as the stored selection. */
export function replaySelectionOf(selectors: z.infer<typeof replaySelectorsSchema>): ReplaySelection {
  if (selectors.gazette_ids !== undefined) {
    return { by: 'gazettes', gazette_ids: [...new Set(selectors.gazette_ids)] };
  }
  if (selectors.since !== undefined) return { by: 'since', since: selectors.since };
  return { by: 'all' };
}

export const replayStartRequestSchema = replaySelectorFieldsSchema
  .extend({
    /** Who asked, for the run's record (the gateway names the operator's principal). */
    requested_by: z.string().min(1).max(200).default('unknown'),
    /** Carried by every event of the run; `replay:<run>` when absent. */
    correlation_id: z
      .string()
      .regex(/^[\x21-\x7e]{1,100}$/, 'a correlation id is 1 to 100 printable ASCII characters without spaces')
      .optional(),
  })
  .superRefine(exactlyOneSelector);

export const replayGazetteSchema = z.object({
  gazette_id: sha256HexSchema,
  file_name: z.string(),
  /** The pipeline version of the rows segmentation holds now, when it answered in time. */
  pipeline_version_stored: z.string().nullable().optional(),
});

/**
 * How many gazettes one reply lists at most, and how many one stage report request covers: a NATS
 * message (1 MiB by default) must hold the reply however large the run.
 */
export const REPLAY_LIST_LIMIT = 500;

export const replayStartedSchema = z.object({
  run_id: replayRunSchema,
  dry_run: z.boolean(),
  /** Gazettes the run replays. */
  gazette_count: z.int().min(0),
  /** The first `REPLAY_LIST_LIMIT` of them. */
  gazettes: z.array(replayGazetteSchema).max(REPLAY_LIST_LIMIT),
});
export type ReplayStarted = z.infer<typeof replayStartedSchema>;

export const REPLAY_RUN_STATUSES = ['publishing', 'published', 'failed'] as const;

/** A recorded (not dry) run. */
export const replayRunRecordSchema = z.object({
  run_id: replayRunSchema,
  selection: replaySelectionSchema,
  dry_run: z.boolean(),
  requested_at: timestamp,
  requested_by: z.string(),
  gazette_ids: z.array(sha256HexSchema),
  /** `publishing` while its `gazette.ingested` events go out, `published` once all are in the stream. */
  status: z.enum(REPLAY_RUN_STATUSES),
});
export type ReplayRunRecord = z.infer<typeof replayRunRecordSchema>;

export const replayDocumentRefSchema = z.object({ document_id: documentIdSchema, title: z.string() });
export type ReplayDocumentRef = z.infer<typeof replayDocumentRefSchema>;

export const replayAppointmentRefSchema = z.object({
  appointment_id: z.string(),
  document_id: documentIdSchema,
  person: z.string(),
  action: appointmentActionSchema,
  position: z.string(),
});
export type ReplayAppointmentRef = z.infer<typeof replayAppointmentRefSchema>;

/** What a run changed of one kind of row: by id, `changed` meaning some stored field differs. */
function changesOf<T extends z.ZodType>(ref: T) {
  return z.object({ added: z.array(ref), removed: z.array(ref), changed: z.array(ref) });
}
export const replayDocumentChangesSchema = changesOf(replayDocumentRefSchema);
export const replayAppointmentChangesSchema = changesOf(replayAppointmentRefSchema);
export type ReplayDocumentChanges = z.infer<typeof replayDocumentChangesSchema>;
export type ReplayAppointmentChanges = z.infer<typeof replayAppointmentChangesSchema>;

/** What segmentation's re-parse of one gazette changed, stored once per (run, gazette). */
export const replayDocumentReportSchema = replayDocumentChangesSchema.extend({
  /** Documents of the new parse: the appointments stage is done with the gazette once it handled as many. */
  document_count: z.int().min(0),
  pipeline_version: z.string(),
  reported_at: timestamp,
});
export type ReplayDocumentReport = z.infer<typeof replayDocumentReportSchema>;

const reportRequest = z.object({
  /** Without it, only what is stored now (the pipeline version) is answered. */
  run_id: replayRunSchema.optional(),
  gazette_ids: z.array(sha256HexSchema).max(REPLAY_LIST_LIMIT),
});

export const documentsReportReplySchema = z.object({
  items: z.array(
    z.object({
      gazette_id: sha256HexSchema,
      /** The version of the stored gazette's rows; null for a gazette never segmented. */
      pipeline_version: z.string().nullable(),
      /** Null until segmentation re-parsed the gazette for the run. */
      report: replayDocumentReportSchema.nullable(),
    }),
  ),
});

export const appointmentsReportReplySchema = z.object({
  items: z.array(
    replayAppointmentChangesSchema.extend({
      gazette_id: sha256HexSchema,
      /** The gazette's documents the appointments stage handled for the run, records or not. */
      documents_recorded: z.int().min(0),
    }),
  ),
});

export const replayStatusRequestSchema = z.object({
  run_id: replayRunSchema,
  /** The page of gazettes to list; the totals always cover the whole run. */
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(REPLAY_LIST_LIMIT).default(100),
});

export const replayGazetteStatusSchema = z.object({
  gazette_id: sha256HexSchema,
  file_name: z.string(),
  /** Documents of the new parse; null until segmentation re-parsed the gazette. */
  document_count: z.int().min(0).nullable(),
  /** Of them, those the appointments stage handled for this run. */
  documents_recorded: z.int().min(0),
  pipeline_version: z.string().nullable(),
  documents: replayDocumentChangesSchema,
  appointments: replayAppointmentChangesSchema,
  /** Every document of the new parse reached the appointments stage for this run. */
  done: z.boolean(),
});
export type ReplayGazetteStatus = z.infer<typeof replayGazetteStatusSchema>;

const changeCounts = z.object({ added: z.int().min(0), removed: z.int().min(0), changed: z.int().min(0) });

export const replayStatusSchema = z.object({
  /** The run's record, its gazettes counted rather than listed. */
  run: replayRunRecordSchema.omit({ gazette_ids: true }).extend({ gazette_count: z.int().min(0) }),
  /** One page of the run's gazettes, in the run's order. */
  gazettes: z.array(replayGazetteStatusSchema),
  page: z.object({ offset: z.int().min(0), limit: z.int().min(1), total: z.int().min(0) }),
  totals: z.object({
    gazettes: z.int().min(0),
    done: z.int().min(0),
    documents: changeCounts,
    appointments: changeCounts,
  }),
  /** Every gazette done (and every stage answered). */
  complete: z.boolean(),
  /** Stages that did not answer in time: their part is missing now, and the run is not complete. */
  unavailable: z.array(z.string()),
});
export type ReplayStatus = z.infer<typeof replayStatusSchema>;

/** The replay RPCs, by name, with the service that answers each. */
export const REPLAY_CONTRACTS = {
  'replay.start': { service: 'ingestion', request: replayStartRequestSchema, reply: outcome(replayStartedSchema) },
  'replay.status': { service: 'ingestion', request: replayStatusRequestSchema, reply: outcome(replayStatusSchema) },
  'replay.documents-report': {
    service: 'segmentation',
    request: reportRequest,
    reply: documentsReportReplySchema,
  },
  'replay.appointments-report': {
    service: 'appointments',
    request: reportRequest.required({ run_id: true }),
    reply: appointmentsReportReplySchema,
  },
} as const;
