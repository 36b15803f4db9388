import { documentId } from '@gazette-watch/contracts';
import { waitFor } from '@gazette-watch/testing';
import { XMLParser } from 'fast-xml-parser';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { distinctAppointments, type Gazette } from './pipeline-harness';

/**
 * What the subscriptions end-to-end test expects, worked out from the parse of the sample
 * gazettes alone — never through libs/subscriptions' matcher, which is what is under test — and
 * the small readers it checks the channels with.
 */

/**
 * In the title of six of the corpus's 38 regulations, over three gazettes, and only in the body of
 * one more (中阳县's 指导意见 on 审批流程), so the keyword filter is seen to read both. Never split by
 * a line break or a space in the samples, so plain `includes` and the service's folding agree.
 */
export const REGULATION_KEYWORD = '规划';

/** The parts of an appointment that say which one it is, whatever carries it. */
export interface AppointmentFactFields {
  document_id: string;
  person: string;
  action: string;
  position: string;
}

/** One line per appointment: readable in a failed comparison, equal for the same appointment. */
export function appointmentKey(fact: AppointmentFactFields): string {
  return [fact.document_id, fact.person, fact.action, fact.position].join(' | ');
}

/** The parts of a regulation that say which one it is. */
export interface RegulationFactFields {
  document_id: string;
  title: string;
}

export function regulationKey(fact: RegulationFactFields): string {
  return `${fact.document_id} | ${fact.title}`;
}

/** Sorted keys of every distinct appointment of the gazettes whose region is exactly `region`. */
export function expectedAppointmentsIn(gazettes: readonly Gazette[], region: string): string[] {
  return gazettes
    .filter((gazette) => gazette.parse.gazette.region === region)
    .flatMap((gazette) => appointmentKeysOf(gazette))
    .sort();
}

/** Sorted keys of every distinct appointment of the gazettes. */
export function expectedAppointments(gazettes: readonly Gazette[]): string[] {
  return gazettes.flatMap((gazette) => appointmentKeysOf(gazette)).sort();
}

function appointmentKeysOf(gazette: Gazette): string[] {
  return distinctAppointments(gazette).map((a) =>
    appointmentKey({
      document_id: documentId(gazette.id, a.document_index),
      person: a.person,
      action: a.action,
      position: a.position,
    }),
  );
}

/** Sorted keys of the regulation documents whose title or body holds `keyword`, as printed. */
export function expectedRegulationsWith(gazettes: readonly Gazette[], keyword: string): string[] {
  return gazettes
    .flatMap((gazette) =>
      gazette.parse.documents.flatMap((document, index) =>
        document.category === 'regulation' && (document.title.includes(keyword) || document.body.includes(keyword))
          ? [regulationKey({ document_id: documentId(gazette.id, index), title: document.title })]
          : [],
      ),
    )
    .sort();
}

export interface AtomEntrySummary {
  id: string;
  title: string;
}

const atomReader = new XMLParser({
  ignoreAttributes: true,
  // Ids and titles stay text even when they look like numbers.
  parseTagValue: false,
  isArray: (name) => name === 'entry',
});

/** The id and title of each entry of an Atom document, in document order. */
export function atomEntries(xml: string): AtomEntrySummary[] {
  const document = atomReader.parse(xml) as { feed?: { entry?: Array<{ id: unknown; title: unknown }> } };
  if (!document.feed) throw new Error(`not an Atom feed: ${xml.slice(0, 200)}`);
  return (document.feed.entry ?? []).map((entry) => ({ id: String(entry.id), title: String(entry.title) }));
}

/**
 * The fact id an entry id names: the service's ids are tag URIs ending in `fact:<encoded fact id>`;
 * reading the fact id back lets the feed be compared with what the webhooks carried.
 */
export function factIdOfEntry(entryId: string): string {
  const marker = ':fact:';
  const at = entryId.lastIndexOf(marker);
  if (at < 0) throw new Error(`entry id "${entryId}" names no fact`);
  return decodeURIComponent(entryId.slice(at + marker.length));
}

const GAZETTE_BIN = join(__dirname, '..', 'services', 'cli', 'bin', 'gazette.js');

/** `gazette <args>` of the built tree as a child process, its output collected as it comes. */
export class GazetteProcess {
  /** Complete stdout lines so far. */
  readonly lines: string[] = [];
  stderr = '';
  private pending = '';
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      const parts = (this.pending + chunk).split('\n');
      this.pending = parts.pop() ?? '';
      this.lines.push(...parts.filter((line) => line !== ''));
    });
    child.stderr?.on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static start(args: readonly string[]): GazetteProcess {
    return new GazetteProcess(spawn(process.execPath, [GAZETTE_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Waits until stderr holds `text`; a timeout says what was printed if the process ended first. */
  async waitForStderr(text: string, timeoutMs = 10_000): Promise<void> {
    await waitFor(
      async () => {
        if (this.stderr.includes(text)) return true;
        if (!this.running) throw new Error(`gazette exited before printing "${text}"; stderr: ${this.stderr}`);
        return false;
      },
      { timeoutMs, description: `gazette to print "${text}" on stderr` },
    );
  }

  /** Sends `signal` and waits for the process to end; its exit code and the signal that ended it. */
  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.running) this.child.kill(signal);
    return this.exited;
  }
}
