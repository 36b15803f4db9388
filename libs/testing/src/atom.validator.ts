import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * The MUSTs of RFC 4287 (Atom 1.0) that tests can check on a feed document, so feed tests assert
 * "valid Atom" instead of a handful of substrings. Returns the problems found; empty when valid.
 * Duplicate entry ids are reported too, though the RFC only frowns on them.
 */

const ATOM = 'http://www.w3.org/2005/Atom';
const XHTML = 'http://www.w3.org/1999/xhtml';
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

interface XmlElement {
  namespace: string | null;
  local: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}
type XmlNode = XmlElement | { text: string };

/** fast-xml-parser's `preserveOrder` output: one single-key object per node, attributes under ':@'. */
type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const isElement = (node: XmlNode): node is XmlElement => 'local' in node;

const ILLEGAL_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const UNDEFINED_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)[^;\s]{0,20};?/;

function toTree(nodes: OrderedNode[], scope: Record<string, string>): XmlNode[] {
  return nodes.flatMap((node): XmlNode[] => {
    const name = Object.keys(node).find((key) => key !== ':@');
    if (name === undefined || name === '?xml' || name.startsWith('?') || name === '#comment') return [];
    if (name === '#text') return [{ text: String(node[name]) }];
    if (name === '#cdata')
      return (node[name] as OrderedNode[]).map((inner) => ({ text: String(inner['#text'] ?? '') }));
    const attributes = node[':@'] ?? {};
    const inner = { ...scope };
    for (const [key, value] of Object.entries(attributes)) {
      if (key === 'xmlns') inner[''] = value;
      else if (key.startsWith('xmlns:')) inner[key.slice('xmlns:'.length)] = value;
    }
    const colon = name.indexOf(':');
    const prefix = colon < 0 ? '' : name.slice(0, colon);
    return [
      {
        namespace: inner[prefix] || null,
        local: colon < 0 ? name : name.slice(colon + 1),
        attributes,
        children: toTree(node[name] as OrderedNode[], inner),
      },
    ];
  });
}

function textOf(element: XmlElement): string {
  return element.children.map((child) => (isElement(child) ? textOf(child) : child.text)).join('');
}

const atomChildren = (element: XmlElement, local: string) =>
  element.children.filter(
    (child): child is XmlElement => isElement(child) && child.namespace === ATOM && child.local === local,
  );

const childElements = (element: XmlElement) => element.children.filter(isElement);

/** RFC 3339 date-time with the uppercase T and Z RFC 4287 §3.3 demands, and real calendar values. */
function isRfc3339(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offsetOk = m[7] === undefined || (Number(m[7]) <= 23 && Number(m[8]) <= 59);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 60 &&
    offsetOk
  );
}

/** An absolute IRI (RFC 3987): a scheme, a colon and characters an IRI may carry. */
function isAbsoluteIri(text: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/u.test(text);
}

function isIriReference(text: string): boolean {
  return /^[^\s<>"{}|\\^`]*$/u.test(text);
}

function isXmlMediaType(type: string): boolean {
  const bare = type.split(';')[0].trim().toLowerCase();
  return bare.endsWith('/xml') || bare.endsWith('+xml');
}

class Problems {
  readonly list: string[] = [];
  add(where: string, problem: string): void {
    this.list.push(`${where}: ${problem}`);
  }
}

function checkCount(problems: Problems, where: string, parent: XmlElement, local: string, min: number, max: number) {
  const count = atomChildren(parent, local).length;
  if (count < min) problems.add(where, `has no atom:${local}`);
  else if (count > max) problems.add(where, `has ${count} atom:${local} elements, at most ${max} allowed`);
}

/** §3.1: type is text, html or xhtml; text and html carry no markup; xhtml wraps a single xhtml:div. */
function checkTextConstruct(problems: Problems, where: string, element: XmlElement) {
  const type = element.attributes.type ?? 'text';
  const name = `atom:${element.local}`;
  if (type === 'text' || type === 'html') {
    if (childElements(element).length > 0) problems.add(where, `${name} of type ${type} contains child elements`);
  } else if (type === 'xhtml') {
    const divs = childElements(element);
    const stray = element.children.some((child) => !isElement(child) && child.text.trim() !== '');
    if (divs.length !== 1 || divs[0].local !== 'div' || divs[0].namespace !== XHTML || stray) {
      problems.add(where, `${name} of type xhtml must contain exactly one xhtml:div`);
    }
  } else {
    problems.add(where, `${name} has type "${type}"; a text construct is text, html or xhtml`);
  }
}

function checkDate(problems: Problems, where: string, parent: XmlElement, local: string) {
  for (const element of atomChildren(parent, local)) {
    const text = textOf(element).trim();
    if (!isRfc3339(text)) problems.add(where, `atom:${local} "${text}" is not an RFC 3339 date-time`);
  }
}

function checkId(problems: Problems, where: string, parent: XmlElement): string | null {
  const ids = atomChildren(parent, 'id');
  for (const id of ids) {
    const text = textOf(id).trim();
    if (!isAbsoluteIri(text)) problems.add(where, `atom:id "${text}" is not an absolute IRI`);
  }
  return ids.length === 1 ? textOf(ids[0]).trim() : null;
}

/** §3.2: exactly one name, at most one uri and one email. */
function checkPeople(problems: Problems, where: string, parent: XmlElement) {
  for (const local of ['author', 'contributor']) {
    for (const person of atomChildren(parent, local)) {
      const at = `${where} atom:${local}`;
      checkCount(problems, at, person, 'name', 1, 1);
      checkCount(problems, at, person, 'uri', 0, 1);
      checkCount(problems, at, person, 'email', 0, 1);
      for (const uri of atomChildren(person, 'uri')) {
        if (!isIriReference(textOf(uri).trim())) problems.add(at, `atom:uri "${textOf(uri).trim()}" is not an IRI`);
      }
      for (const email of atomChildren(person, 'email')) {
        if (!/^[^\s@]+@[^\s@]+$/.test(textOf(email).trim()))
          problems.add(at, `atom:email "${textOf(email)}" is not an address`);
      }
    }
  }
}

/** §4.2.7: every link has an href; at most one alternate per type and hreflang. */
function checkLinks(problems: Problems, where: string, parent: XmlElement) {
  const alternates = new Set<string>();
  for (const link of atomChildren(parent, 'link')) {
    const { href, rel = 'alternate', type = '', hreflang = '' } = link.attributes;
    if (href === undefined) problems.add(where, `atom:link rel="${rel}" has no href`);
    else if (!isIriReference(href)) problems.add(where, `atom:link href "${href}" is not an IRI`);
    if (rel !== 'alternate') continue;
    const key = `${type.toLowerCase()}\u0000${hreflang.toLowerCase()}`;
    if (alternates.has(key)) {
      problems.add(where, `has more than one atom:link rel="alternate" with type "${type}" and hreflang "${hreflang}"`);
    }
    alternates.add(key);
  }
}

function checkCategories(problems: Problems, where: string, parent: XmlElement) {
  for (const category of atomChildren(parent, 'category')) {
    if (!category.attributes.term) problems.add(where, 'atom:category has no term');
  }
}

function checkTextConstructs(problems: Problems, where: string, parent: XmlElement, locals: string[]) {
  for (const local of locals)
    for (const element of atomChildren(parent, local)) checkTextConstruct(problems, where, element);
}

/** §4.1.3: inline text, markup, XML or Base64 by type; or empty, pointing elsewhere with src. */
function checkContent(problems: Problems, where: string, entry: XmlElement): void {
  const contents = atomChildren(entry, 'content');
  const hasSummary = atomChildren(entry, 'summary').length > 0;
  if (contents.length === 0) {
    if (!atomChildren(entry, 'link').some((link) => (link.attributes.rel ?? 'alternate') === 'alternate')) {
      problems.add(where, 'has neither atom:content nor an atom:link rel="alternate"');
    }
    return;
  }
  for (const content of contents) {
    const type = content.attributes.type ?? 'text';
    const src = content.attributes.src;
    if (src !== undefined) {
      if (content.children.some((child) => isElement(child) || child.text.trim() !== '')) {
        problems.add(where, 'atom:content with src must be empty');
      }
      if (['text', 'html', 'xhtml'].includes(type)) problems.add(where, 'atom:content with src must have a media type');
      if (!hasSummary) problems.add(where, 'atom:content with src requires an atom:summary');
      continue;
    }
    if (type === 'text' || type === 'html' || type === 'xhtml') {
      checkTextConstruct(problems, where, content);
    } else if (!/^[\w.+-]+\/[\w.+-]+(?:\s*;.*)?$/.test(type)) {
      problems.add(where, `atom:content type "${type}" is neither text, html, xhtml nor a media type`);
    } else if (type.toLowerCase().startsWith('text/')) {
      if (childElements(content).length > 0)
        problems.add(where, `atom:content of type ${type} contains child elements`);
    } else if (!isXmlMediaType(type)) {
      const base64 = textOf(content).replace(/\s+/g, '');
      if (
        !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(base64) ||
        childElements(content).length
      ) {
        problems.add(where, `atom:content of type ${type} must be Base64`);
      }
      if (!hasSummary) problems.add(where, `atom:content of type ${type} (Base64) requires an atom:summary`);
    }
  }
}

function checkEntry(problems: Problems, entry: XmlElement, index: number): string | null {
  const idElements = atomChildren(entry, 'id');
  const label = idElements.length === 1 ? ` (${textOf(idElements[0]).trim()})` : '';
  const where = `entry ${index + 1}${label}`;
  for (const local of ['id', 'title', 'updated']) checkCount(problems, where, entry, local, 1, 1);
  for (const local of ['content', 'published', 'rights', 'source', 'summary'])
    checkCount(problems, where, entry, local, 0, 1);
  const id = checkId(problems, where, entry);
  checkDate(problems, where, entry, 'updated');
  checkDate(problems, where, entry, 'published');
  checkPeople(problems, where, entry);
  checkLinks(problems, where, entry);
  checkCategories(problems, where, entry);
  checkTextConstructs(problems, where, entry, ['title', 'summary', 'rights']);
  checkContent(problems, where, entry);
  return id;
}

function hasAuthor(entry: XmlElement): boolean {
  if (atomChildren(entry, 'author').length > 0) return true;
  return atomChildren(entry, 'source').some((source) => atomChildren(source, 'author').length > 0);
}

/** Well-formedness the parser's validator lets through: characters, entities, a single root. */
function checkCharacters(xml: string, problems: Problems): void {
  const illegal = ILLEGAL_XML.exec(xml);
  if (illegal) {
    const code = illegal[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    problems.add('document', `contains U+${code}, which XML 1.0 does not allow`);
  }
  const markup = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g, '');
  const entity = UNDEFINED_ENTITY.exec(markup);
  if (entity) problems.add('document', `uses "${entity[0]}", which is not an XML entity or character reference`);
  for (const [, hex, decimal] of markup.matchAll(/&#(?:x([0-9a-fA-F]+)|([0-9]+));/g)) {
    const code = hex === undefined ? Number(decimal) : parseInt(hex, 16);
    if (code > 0x10ffff || ILLEGAL_XML.test(String.fromCodePoint(code))) {
      problems.add(
        'document',
        `references character ${hex === undefined ? decimal : `x${hex}`}, which XML 1.0 does not allow`,
      );
    }
  }
}

export function validateAtomFeed(xml: string): string[] {
  const problems = new Problems();
  checkCharacters(xml, problems);
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) {
    const { msg, line, col } = wellFormed.err;
    problems.add('document', `is not well-formed XML: ${msg} (line ${line}, column ${col})`);
    return problems.list;
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    cdataPropName: '#cdata',
    commentPropName: '#comment',
    // Decodes character references (&#xD;); named HTML entities are reported above.
    htmlEntities: true,
  });
  const roots = toTree(parser.parse(xml) as OrderedNode[], { xml: XML_NAMESPACE }).filter(isElement);
  if (roots.length !== 1) {
    problems.add('document', `has ${roots.length} root elements`);
    return problems.list;
  }
  const [feed] = roots;
  if (feed.local !== 'feed' || feed.namespace !== ATOM) {
    problems.add('document', `root is {${feed.namespace ?? ''}}${feed.local}, not atom:feed in ${ATOM}`);
    return problems.list;
  }
  for (const local of ['id', 'title', 'updated']) checkCount(problems, 'feed', feed, local, 1, 1);
  for (const local of ['generator', 'icon', 'logo', 'rights', 'subtitle'])
    checkCount(problems, 'feed', feed, local, 0, 1);
  checkId(problems, 'feed', feed);
  checkDate(problems, 'feed', feed, 'updated');
  checkPeople(problems, 'feed', feed);
  checkLinks(problems, 'feed', feed);
  checkCategories(problems, 'feed', feed);
  checkTextConstructs(problems, 'feed', feed, ['title', 'subtitle', 'rights']);

  const entries = atomChildren(feed, 'entry');
  const ids = entries.map((entry, index) => checkEntry(problems, entry, index));
  if (atomChildren(feed, 'author').length === 0) {
    entries.forEach((entry, index) => {
      if (!hasAuthor(entry)) problems.add('feed', `has no atom:author, and neither has entry ${index + 1}`);
    });
    if (entries.length === 0) problems.add('feed', 'has no atom:author and no entries that could carry one');
  }
  const seen = new Map<string, number>();
  for (const id of ids) if (id !== null) seen.set(id, (seen.get(id) ?? 0) + 1);
  for (const [id, count] of seen) if (count > 1) problems.add('feed', `entry id ${id} appears ${count} times`);
  return problems.list;
}
