import { randomBytes } from 'node:crypto';

/** Characters NATS treats specially in subjects; a prefix containing them would change routing. */
const SUBJECT_PREFIX_FORBIDDEN = /[\s*>]/;
/** Stream names become API subject tokens, so they cannot contain separators or wildcards. */
const STREAM_PREFIX_ALLOWED = /^[A-Za-z0-9_-]*$/;

/**
 * Maps logical subject and stream names (as written in code and contracts) onto the physical
 * names used on the server. Production uses empty prefixes; every test run uses its own, so runs
 * sharing one NATS server never see each other's streams, consumers or messages.
 */
export class Namespace {
  constructor(
    readonly subjectPrefix = '',
    readonly streamPrefix = '',
  ) {
    if (subjectPrefix !== '' && (!subjectPrefix.endsWith('.') || SUBJECT_PREFIX_FORBIDDEN.test(subjectPrefix))) {
      throw new Error(`subject prefix "${subjectPrefix}" must end with "." and contain no wildcard or whitespace`);
    }
    if (!STREAM_PREFIX_ALLOWED.test(streamPrefix)) {
      throw new Error(`stream prefix "${streamPrefix}" may only contain letters, digits, "_" and "-"`);
    }
  }

  /** A namespace private to one test run: `t<id>.` and `T<ID>_`, as the design prescribes. */
  static forTestRun(runId: string = randomBytes(5).toString('hex')): Namespace {
    const id = runId.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (id === '') {
      throw new Error(`test run id "${runId}" has no letters or digits`);
    }
    return new Namespace(`t${id}.`, `T${id.toUpperCase()}_`);
  }

  get isPrefixed(): boolean {
    return this.subjectPrefix !== '' || this.streamPrefix !== '';
  }

  subject(logical: string): string {
    return this.subjectPrefix + logical;
  }

  stream(logical: string): string {
    return this.streamPrefix + logical;
  }

  /** Inverse of {@link subject}; throws for a subject outside the namespace rather than guessing. */
  logicalSubject(physical: string): string {
    if (!physical.startsWith(this.subjectPrefix)) {
      throw new Error(`subject "${physical}" is outside the namespace "${this.subjectPrefix}"`);
    }
    return physical.slice(this.subjectPrefix.length);
  }

  /** Inverse of {@link stream}. */
  logicalStream(physical: string): string {
    if (!physical.startsWith(this.streamPrefix)) {
      throw new Error(`stream "${physical}" is outside the namespace "${this.streamPrefix}"`);
    }
    return physical.slice(this.streamPrefix.length);
  }
}
