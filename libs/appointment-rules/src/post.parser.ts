import { normaliseName, squashSpaces } from './name.normaliser';
import { resolveOrganisation, type RegionContext } from './organisation.resolver';
import { trailingTitleStart } from './post-title.pattern';

/** A post: an organisation and a title in it. Two positions with the same `key` are the same post. */
export interface Post {
  /** As printed, layout spaces removed ("市政府"). */
  organisation: string;
  /** With the region's short forms resolved ("吕梁市人民政府"). */
  organisation_full: string;
  /** The trailing post word(s) ("副秘书长", "主任（所长）"); "" when none is recognised. */
  title: string;
  /**
   * The full post name, NFKC and without whitespace: organisation_full followed by title. No
   * separator, so the key is the post's own full name and does not depend on where the split fell.
   */
  key: string;
}

const CLOSING = new Set(['）', ')']);
const OPENING = new Set(['（', '(']);

/** Start of a bracket group that ends the text ("…主任（所长）"), or -1. */
function trailingBracketStart(text: string): number {
  if (!CLOSING.has(text[text.length - 1] ?? '')) return -1;
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (CLOSING.has(text[i])) depth++;
    else if (OPENING.has(text[i]) && --depth === 0) return i;
  }
  return -1;
}

/**
 * Where the title starts. A bracket after a title stays with it: "主任（所长）" is one post held
 * under two names (the centre's and the institute's), not a 主任 of an organisation "…主任".
 */
function titleStart(position: string): number {
  const bracket = trailingBracketStart(position);
  if (bracket > 0) {
    // A title before a non-title bracket ("主任（正科级）") keeps the bracket too: qualifiers are the
    // parser's to remove, and dropping text here would merge posts the parser kept apart.
    const start = trailingTitleStart(position.slice(0, bracket));
    if (start >= 0) return start;
  }
  return trailingTitleStart(position);
}

export function parsePost(position: string, context: RegionContext): Post {
  const printed = squashSpaces(position);
  const start = titleStart(printed);
  const organisation = start >= 0 ? printed.slice(0, start) : printed;
  const title = start >= 0 ? printed.slice(start) : '';
  const organisation_full = resolveOrganisation(organisation, title, context);
  return { organisation, organisation_full, title, key: postKey(organisation_full, title) };
}

/** The key of a post from its resolved parts; also normalises a key given by a caller. */
export function postKey(organisationFull: string, title = ''): string {
  return normaliseName(organisationFull + title);
}
