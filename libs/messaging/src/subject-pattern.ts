/**
 * NATS subject wildcard semantics (`*` one token, `>` one or more trailing tokens), needed to route
 * handler patterns to streams and to choose consumer filters without asking the server.
 */

function tokens(subject: string): string[] {
  return subject.split('.');
}

export function hasWildcard(subject: string): boolean {
  return tokens(subject).some((token) => token === '*' || token === '>');
}

/** True if the concrete `subject` matches `pattern`. */
export function subjectMatches(pattern: string, subject: string): boolean {
  return patternCovers(pattern, subject);
}

/** True if every subject matched by `inner` is also matched by `outer`. */
export function patternCovers(outer: string, inner: string): boolean {
  const outerTokens = tokens(outer);
  const innerTokens = tokens(inner);
  for (let i = 0; i < outerTokens.length; i++) {
    const token = outerTokens[i];
    if (token === '>') {
      return innerTokens.length > i;
    }
    if (i >= innerTokens.length) {
      return false;
    }
    const other = innerTokens[i];
    if (token === '*') {
      if (other === '>') {
        return false;
      }
      continue;
    }
    if (token !== other) {
      return false;
    }
  }
  return outerTokens.length === innerTokens.length;
}

/**
 * The narrowest single subject covering all `patterns`: a server 2.9 consumer has one
 * `filter_subject` (`filter_subjects` needs 2.10), so a service handling several subjects of one
 * stream filters on their common shape (`document.*`, `appointment.>`) and skips the rest.
 * Returns undefined when only the whole stream covers them.
 */
export function commonFilter(patterns: readonly string[]): string | undefined {
  const distinct = [...new Set(patterns)];
  if (distinct.length === 0) {
    return undefined;
  }
  if (distinct.length === 1) {
    return distinct[0];
  }
  const split = distinct.map(tokens);
  const sameLength = split.every((t) => t.length === split[0].length);
  if (sameLength && !split.some((t) => t.includes('>'))) {
    return split[0].map((token, i) => (split.every((t) => t[i] === token) ? token : '*')).join('.');
  }
  const prefix: string[] = [];
  for (let i = 0; ; i++) {
    const token = split[0][i];
    if (token === undefined || token === '>' || token === '*' || !split.every((t) => t[i] === token)) {
      break;
    }
    prefix.push(token);
  }
  // `a.>` does not match `a` itself, so the prefix must be strictly shorter than every pattern.
  while (prefix.length > 0 && split.some((t) => t.length <= prefix.length)) {
    prefix.pop();
  }
  return prefix.length > 0 ? `${prefix.join('.')}.>` : undefined;
}
