import type { AppointmentRecordedPayload, RegulationPublishedPayload } from '@gazette-watch/contracts';
import type { FactPayload } from './fact.view';

/**
 * One-line human text for a fact, the same in Atom entries, server-sent events and the terminal,
 * worded the way the gazettes word it.
 */

type Method = AppointmentRecordedPayload['method'];
type Action = AppointmentRecordedPayload['action'];

/** Strips a printed "职务" so it is not doubled when the phrase adds its own. */
function post(position: string): string {
  return position.replace(/(?:的)?职务$/, '');
}

const PHRASES: Record<Method, { action: Action; phrase: (person: string, position: string) => string }> = {
  appoint: { action: 'appoint', phrase: (person, position) => `任命 ${person} 为 ${position}` },
  engage: { action: 'appoint', phrase: (person, position) => `聘任 ${person} 为 ${position}` },
  nominate: { action: 'appoint', phrase: (person, position) => `提名 ${person} 为 ${position}` },
  acting: {
    action: 'appoint',
    phrase: (person, position) => `决定 ${person} 为 ${position.startsWith('代理') ? '' : '代理'}${position}`,
  },
  remove: { action: 'remove', phrase: (person, position) => `免去 ${person} 的 ${post(position)}职务` },
  resign: { action: 'remove', phrase: (person, position) => `${person} 辞去 ${post(position)}职务` },
  dismiss: { action: 'remove', phrase: (person, position) => `撤销 ${person} 的 ${post(position)}职务` },
};

function appointmentPhrase(payload: AppointmentRecordedPayload): string {
  const byMethod = PHRASES[payload.method];
  // A method that contradicts the action (a parser slip) must not turn a removal into an appointment.
  const wording =
    byMethod && byMethod.action === payload.action
      ? byMethod
      : PHRASES[payload.action === 'remove' ? 'remove' : 'appoint'];
  return wording.phrase(payload.person, payload.position);
}

/** Line breaks and runs of spaces from the source text would break a one-line rendering. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function withRegion(region: string | null, text: string): string {
  return oneLine(region ? `[${region}] ${text}` : text);
}

/** '[吕梁市] 任命 张三 为 市财政局局长', '[吕梁市] 吕梁市…管理办法'. */
export function factTitle(fact: FactPayload): string {
  return fact.kind === 'appointment'
    ? withRegion(fact.payload.region, appointmentPhrase(fact.payload))
    : withRegion(fact.payload.region, fact.payload.title);
}

/** Issuing bodies when the document names them, else the gazette's publisher. */
function issuedBy(payload: { issuers: string[]; publisher: string | null }): string | null {
  // Older producers' payloads, unless parsed through the schema, carry neither field.
  if (payload.issuers?.length) return payload.issuers.join('、');
  return payload.publisher ?? null;
}

function regulationTerm(payload: RegulationPublishedPayload): string | null {
  const { effective_from: from, effective_until: until } = payload;
  if (from && until) return `${from} 起施行，有效期至 ${until}`;
  if (from) return `${from} 起施行`;
  if (until) return `有效期至 ${until}`;
  return null;
}

/** One line: document number, signing date, who issued it, and for regulations when it applies. */
export function factSummary(fact: FactPayload): string {
  const p = fact.payload;
  const parts: (string | null)[] = [
    fact.kind === 'appointment' && fact.payload.document_title ? `《${fact.payload.document_title}》` : null,
    p.doc_number,
    p.signed_on ? `${p.signed_on} 签发` : null,
    issuedBy(p),
    fact.kind === 'regulation' ? regulationTerm(fact.payload) : null,
  ];
  return oneLine(parts.filter((part): part is string => !!part && part.trim() !== '').join(' · '));
}
