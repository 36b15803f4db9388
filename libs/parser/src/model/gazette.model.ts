/**
 * The data the parser produces. Field names follow the corpus schema (snake_case) so that the
 * JSON output of `gazette parse --json` is the schema's shape without a mapping layer.
 */

export interface GazetteMetadata {
  /** The government whose gazette this is, e.g. "吕梁市人民政府". */
  publisher: string | null;
  /** Its area, e.g. "吕梁市". */
  region: string | null;
  year: number | null;
  /** "4", or "11-12" for a double issue. */
  issue: string | null;
  /** 总第N期. */
  total_issue: number | null;
  /** ISO date of 出版. */
  published_on: string | null;
}

/** The 文种 that ends a title, plus the local kinds gazettes print. */
export type DocumentKind = string;

/** Where a document is routed downstream. */
export type DocumentCategory = 'personnel' | 'regulation' | 'approval' | 'other';

export type EntityType =
  | 'doc_number'
  | 'cited_doc_number'
  | 'date'
  | 'organisation'
  | 'person'
  | 'position'
  | 'money'
  | 'area'
  | 'percentage'
  | 'law'
  | 'phone';

export interface Entity {
  type: EntityType;
  /** The text as it stands in the document text (`ParsedDocument.text`). */
  text: string;
  /** Character offsets into `ParsedDocument.text`, end exclusive. */
  start: number;
  end: number;
  /** A normalised value: ISO date, doc number with 〔〕, amount in base unit, full organisation name… */
  value?: string | number | null;
  /** Unit of a money amount or an area ("万元", "平方米", "亩", "公顷"). */
  unit?: string;
  /** For a cited law or document: the doc number printed after it. */
  doc_number?: string | null;
}

export interface RegulationTerms {
  /** ISO date the text takes effect, or a phrase such as "自发布之日起" when it names no date. */
  effective_from: string | null;
  /** ISO date it lapses, when the text says so. */
  effective_until: string | null;
  /** A validity period as printed ("有效期两年"). */
  validity: string | null;
  /** Titles or numbers of what it repeals ("…同时废止"). */
  repeals: string[];
}

export type AppointmentAction = 'appoint' | 'remove';

/** How the personnel decision was worded; `action` is what it does to the post. */
export type AppointmentMethod =
  | 'appoint' // 任命, 为
  | 'engage' // 聘任, 聘用
  | 'nominate' // 提名
  | 'acting' // 代理
  | 'remove' // 免去, 免职
  | 'resign' // 接受…辞去…的请求
  | 'dismiss'; // 撤销, 撤职

export interface AppointmentRecord {
  doc_number: string | null;
  person: string;
  action: AppointmentAction;
  method: AppointmentMethod;
  position: string;
  qualifiers: string[];
  notes: string[];
  /** The deciding meeting ("市人民政府党组会议"). */
  meeting: string | null;
  meeting_date: string | null;
  signed_on: string | null;
  confidence: number;
  reasons: string[];
}

export interface TocEntry {
  section: string | null;
  title: string;
  doc_number: string | null;
  page: string | null;
  /** Source line of the entry's first line. */
  line: number;
}

export interface TocCheck {
  /** TOC entries that no document body matched. */
  entries_without_body: TocEntry[];
  /** Documents that no TOC entry matched (titles). */
  bodies_without_entry: { title: string; doc_number: string | null; start_line: number }[];
}

export interface ParsedDocument {
  title: string;
  doc_number: string | null;
  issuers: string[];
  signed_on: string | null;
  doc_type: DocumentKind | null;
  category: DocumentCategory;
  section: string | null;
  /** 1-based source line of the first heading line. */
  start_line: number;
  /** 1-based source line of the last line that belongs to the document. */
  end_line: number;
  /** 主送机关. */
  recipients: string[];
  /** The main text between the recipients and the signature, lines joined. */
  body: string;
  /** 附件 named in the notice and titles of attached plans. */
  attachments: string[];
  /** 此件公开发布, 此件详见…, as printed without brackets. */
  publicity: string | null;
  /** Everything the document spans, normalised, one line per logical line; entity offsets point here. */
  text: string;
  entities: Entity[];
  regulation: RegulationTerms | null;
  confidence: number;
  reasons: string[];
}

/** An appointment as the gazette parse lists it: tied to its document by position. */
export interface GazetteAppointment extends AppointmentRecord {
  /** Index in `GazetteParse.documents` of the personnel document it comes from. */
  document_index: number;
}

export interface GazetteParse {
  gazette: GazetteMetadata;
  documents: ParsedDocument[];
  appointments: GazetteAppointment[];
  toc: TocEntry[];
  toc_check: TocCheck;
  /** Encoding detected when the input was bytes. */
  encoding: string | null;
  warnings: string[];
}

/** A line of normalised text with the 1-based line of the file it came from. */
export interface SourceLine {
  text: string;
  line: number;
}
