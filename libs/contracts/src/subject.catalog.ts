/**
 * Subject names of the pipeline. An event's type and the subject it is published on are the same
 * string, so a handler's `@EventPattern` and the envelope's `type` cannot drift apart. These are
 * base names: the messaging layer puts the namespace's subject prefix in front of them.
 */
export const SUBJECTS = {
  gazetteIngested: 'gazette.ingested',
  documentSegmented: 'document.segmented',
  documentExtracted: 'document.extracted',
  regulationPublished: 'regulation.published',
  appointmentRecorded: 'appointment.recorded',
} as const;

export type Subject = (typeof SUBJECTS)[keyof typeof SUBJECTS];

/** Root of the hierarchy the notification service publishes on core NATS for outside subscribers. */
export const PUBLIC_SUBJECT_ROOT = 'events';

/** Service names are code constants; one with a dot or wildcard would land on another subject. */
const SERVICE_NAME = /^[a-z][a-z0-9-]*$/;

/** `deadletter.<service>`: where a service parks the messages it gave up on. */
export function deadLetterSubject(service: string): string {
  return `deadletter.${checkServiceName(service)}`;
}

/** `rpc.<service>.<name>`: core NATS request/reply subject of a service's `@MessagePattern(name)`. */
export function rpcSubject(service: string, name: string): string {
  if (!/^[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)*$/.test(name)) {
    throw new RangeError(`rpc name "${name}" must be lower-case tokens joined by dots`);
  }
  return `rpc.${checkServiceName(service)}.${name}`;
}

/** `events.appointment.<region>` */
export function publicAppointmentSubject(region: string | null | undefined): string {
  return `${PUBLIC_SUBJECT_ROOT}.appointment.${subjectToken(region)}`;
}

/** `events.regulation.<region>.<kind>`, kind being the 文种 ("通知", "办法"…). */
export function publicRegulationSubject(region: string | null | undefined, kind: string | null | undefined): string {
  return `${PUBLIC_SUBJECT_ROOT}.regulation.${subjectToken(region)}.${subjectToken(kind)}`;
}

/**
 * Characters that cannot stand inside one NATS subject token: the separator, the wildcards, and
 * whitespace or invisible characters (the server splits on whitespace, and a zero-width space
 * would make two equal-looking subjects differ). Chinese and other printable text passes as UTF-8.
 */
const UNSAFE_IN_TOKEN = /[\p{White_Space}\p{Cc}\p{Cf}.*>]+/gu;

/** The placeholder for a value the parser could not determine, so subscribers can still filter on it. */
export const UNKNOWN_TOKEN = 'unknown';

/**
 * One subject token from free text (a region or a document kind): unsafe runs become `_`, and
 * nothing left over means `unknown`. Lossy on purpose: it names a routing bucket, not an identity.
 */
export function subjectToken(value: string | null | undefined): string {
  const token = (value ?? '')
    .normalize('NFC')
    .replace(UNSAFE_IN_TOKEN, '_')
    .replace(/^_+|_+$/g, '');
  return token || UNKNOWN_TOKEN;
}

function checkServiceName(service: string): string {
  if (!SERVICE_NAME.test(service)) {
    throw new RangeError(`service name "${service}" must be lower-case letters, digits and hyphens`);
  }
  return service;
}
