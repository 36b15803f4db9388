import { isIPv4, isIPv6 } from 'node:net';

/**
 * Server-side request forgery guard for webhook deliveries. The notification service checks the
 * address it is about to connect to (from its DNS lookup, so a name that resolves to an internal
 * address is caught too): only public unicast addresses pass, unless an operator allowlists more.
 */

export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'metadata'
  | 'unspecified'
  | 'multicast'
  | 'reserved'
  /** 100.64.0.0/10, carrier-grade NAT. */
  | 'shared'
  | 'invalid';

type Family = 4 | 6;

interface Address {
  family: Family;
  value: bigint;
}

interface Block {
  family: Family;
  network: bigint;
  prefix: number;
}

const BITS: Record<Family, number> = { 4: 32, 6: 128 };

function parseIPv4(text: string): bigint {
  return text.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

/** An IPv6 address (validated by node:net first) as a 128-bit number; a trailing dotted quad is two groups. */
function parseIPv6(text: string): bigint {
  let body = text;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (dotted) {
    const v4 = parseIPv4(dotted[1]);
    body = `${body.slice(0, dotted.index)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, tail] = body.includes('::') ? body.split('::') : [body, null];
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = tail === null ? [] : groups(tail);
  const all = tail === null ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return all.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/** The address without an IPv6 zone ("fe80::1%eth0"): the zone picks an interface, not a host. */
function parseAddress(ip: string): Address | null {
  if (isIPv4(ip)) return { family: 4, value: parseIPv4(ip) };
  if (!isIPv6(ip)) return null;
  const bare = ip.split('%')[0];
  return isIPv6(bare) ? { family: 6, value: parseIPv6(bare) } : null;
}

function block(cidr: string): Block {
  const [ip, prefix] = cidr.split('/');
  const address = parseAddress(ip);
  if (!address) throw new Error(`bad built-in block ${cidr}`);
  return { family: address.family, network: address.value, prefix: Number(prefix) };
}

function inBlock(address: Address, range: Block): boolean {
  if (address.family !== range.family) return false;
  const shift = BigInt(BITS[range.family] - range.prefix);
  return address.value >> shift === range.network >> shift;
}

/** Checked in order: the narrower blocks come before the ranges that contain them. */
const IPV4_BLOCKS: [string, AddressClass][] = [
  ['169.254.169.254/32', 'metadata'], // AWS, GCP, Azure, OpenStack and most others
  ['100.100.100.200/32', 'metadata'], // Alibaba Cloud
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'shared'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'], // IETF protocol assignments
  ['192.0.2.0/24', 'reserved'], // TEST-NET-1
  ['192.88.99.0/24', 'reserved'], // former 6to4 relay anycast
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'reserved'], // benchmarking
  ['198.51.100.0/24', 'reserved'], // TEST-NET-2
  ['203.0.113.0/24', 'reserved'], // TEST-NET-3
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'], // including the broadcast address 255.255.255.255
];

const IPV6_BLOCKS: [string, AddressClass][] = [
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['fd00:ec2::254/128', 'metadata'], // AWS over IPv6
  ['64:ff9b:1::/48', 'reserved'], // local-use NAT64
  ['100::/64', 'reserved'], // discard-only
  ['2001::/23', 'reserved'], // IETF protocol assignments, Teredo included
  ['2001:db8::/32', 'reserved'], // documentation
  ['2002::/16', 'reserved'], // 6to4: tunnels to an IPv4 address that is not checked here
  ['3fff::/20', 'reserved'], // documentation
  ['5f00::/16', 'reserved'], // segment routing
  ['fc00::/7', 'private'], // unique local
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'private'], // deprecated site-local
  ['ff00::/8', 'multicast'],
];

const BUILT_IN: { range: Block; kind: AddressClass }[] = [...IPV4_BLOCKS, ...IPV6_BLOCKS].map(([cidr, kind]) => ({
  range: block(cidr),
  kind,
}));

const IPV4_MAPPED = block('::ffff:0:0/96');
/** Well-known NAT64 prefix: the translator connects on to the IPv4 address in the low bits. */
const NAT64 = block('64:ff9b::/96');
/** Deprecated IPv4-compatible addresses (::a.b.c.d); no host should use one. */
const IPV4_COMPATIBLE = block('::/96');
const GLOBAL_UNICAST = block('2000::/3');

function lowIPv4(address: Address): Address {
  return { family: 4, value: address.value & 0xffffffffn };
}

/** The IPv4 address a mapped IPv6 address (::ffff:a.b.c.d) is, to the socket layer. */
function mappedIPv4(address: Address): Address | null {
  return inBlock(address, IPV4_MAPPED) ? lowIPv4(address) : null;
}

function classify(address: Address): AddressClass {
  const v4 = mappedIPv4(address) ?? (inBlock(address, NAT64) ? lowIPv4(address) : null);
  if (v4) return classify(v4);
  const known = BUILT_IN.find(({ range }) => inBlock(address, range));
  if (known) return known.kind;
  // Outside 2000::/3 nothing is assigned for unicast yet.
  if (address.family === 6 && (inBlock(address, IPV4_COMPATIBLE) || !inBlock(address, GLOBAL_UNICAST))) {
    return 'reserved';
  }
  return 'public';
}

/** What kind of destination an IP address is; `invalid` for anything that is not an IP address. */
export function classifyAddress(ip: string): AddressClass {
  const address = parseAddress(ip.trim());
  return address ? classify(address) : 'invalid';
}

export interface AddressAllowlist {
  readonly entries: readonly string[];
  allows(ip: string): boolean;
}

function parseEntry(entry: string): Block {
  const slash = entry.indexOf('/');
  const ip = slash < 0 ? entry : entry.slice(0, slash);
  const prefixText = slash < 0 ? null : entry.slice(slash + 1);
  const address = ip.includes('%') ? null : parseAddress(ip);
  if (!address) throw new RangeError(`address allowlist entry "${entry}" is not an IP address or CIDR block`);
  const bits = BITS[address.family];
  if (prefixText !== null && !/^\d{1,3}$/.test(prefixText)) {
    throw new RangeError(`address allowlist entry "${entry}" has a bad prefix length`);
  }
  const prefix = prefixText === null ? bits : Number(prefixText);
  if (prefix > bits) throw new RangeError(`address allowlist entry "${entry}": the prefix is at most ${bits}`);
  const shift = BigInt(bits - prefix);
  if ((address.value >> shift) << shift !== address.value) {
    // 10.0.0.5/8 is most likely a typo for a host or for 10.0.0.0/8: say so instead of guessing.
    throw new RangeError(`address allowlist entry "${entry}" has bits set after its /${prefix} prefix`);
  }
  // ::ffff:a.b.c.d/104 is the IPv4 block a.b.c.d/8, so it also covers the plain IPv4 form.
  if (prefix >= 96 && mappedIPv4(address)) {
    return { family: 4, network: address.value & 0xffffffffn, prefix: prefix - 96 };
  }
  return { family: address.family, network: address.value, prefix };
}

/**
 * Comma- or space-separated IPs and CIDR blocks ("127.0.0.1/32, ::1"); '' is the empty list.
 * An IPv4-mapped IPv6 address is matched by the IPv4 block it maps into.
 */
export function parseAddressAllowlist(text: string): AddressAllowlist {
  const entries = text.split(/[\s,]+/).filter((entry) => entry !== '');
  const ranges = entries.map(parseEntry);
  return {
    entries,
    allows(ip: string): boolean {
      const address = parseAddress(ip.trim());
      if (!address) return false;
      const forms = [address, mappedIPv4(address)].filter((form): form is Address => form !== null);
      return ranges.some((range) => forms.some((form) => inBlock(form, range)));
    },
  };
}

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

const DESCRIPTIONS: Record<Exclude<AddressClass, 'public' | 'invalid'>, string> = {
  loopback: 'loopback',
  private: 'private',
  'link-local': 'link-local',
  metadata: 'a cloud metadata endpoint',
  unspecified: 'unspecified',
  multicast: 'multicast',
  reserved: 'reserved',
  shared: 'in the shared address space 100.64.0.0/10',
};

/** Public addresses pass; any other only when allowlisted (a test receiver on 127.0.0.1, say). */
export function checkWebhookAddress(ip: string, allowlist: AddressAllowlist): AddressVerdict {
  const kind = classifyAddress(ip);
  if (kind === 'invalid') return { allowed: false, reason: `"${ip}" is not an IP address` };
  if (kind === 'public' || allowlist.allows(ip)) return { allowed: true };
  return { allowed: false, reason: `address ${ip} is ${DESCRIPTIONS[kind]}` };
}
