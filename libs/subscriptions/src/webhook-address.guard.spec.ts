import {
  checkWebhookAddress,
  classifyAddress,
  parseAddressAllowlist,
  type AddressClass,
} from './webhook-address.guard';

describe('classifyAddress', () => {
  it.each<[string, AddressClass]>([
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
    ['172.15.255.255', 'public'],
    ['172.32.0.0', 'public'],
    ['100.63.255.255', 'public'],
    ['100.128.0.0', 'public'],
    ['223.255.255.255', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.0.1', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['198.51.100.7', 'reserved'],
    ['203.0.113.99', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['192.0.0.8', 'reserved'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.255', 'shared'],
  ])('IPv4 %s is %s', (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
  });

  it.each<[string, AddressClass]>([
    ['2606:4700:4700::1111', 'public'],
    ['2400:3200::1', 'public'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['fec0::1', 'private'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fd00:ec2::254', 'metadata'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['2001::1', 'reserved'],
    ['2002:c000:0204::1', 'reserved'],
    ['100::1', 'reserved'],
    ['3fff::1', 'reserved'],
    ['4000::1', 'reserved'],
    ['::1.2.3.4', 'reserved'],
  ])('IPv6 %s is %s', (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
  });

  it.each<[string, AddressClass]>([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['0:0:0:0:0:ffff:7f00:1', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:8.8.8.8', 'public'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['64:ff9b::808:808', 'public'],
  ])('IPv6 with an IPv4 address inside: %s is %s', (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
  });

  it.each(['', 'localhost', '1.2.3', '1.2.3.256', '01.2.3.4', '[::1]', '::1/128', 'fe80::1::2', '12345::'])(
    '%p is invalid',
    (ip) => {
      expect(classifyAddress(ip)).toBe('invalid');
    },
  );
});

describe('parseAddressAllowlist', () => {
  it('is empty for an empty text and allows nothing', () => {
    const allowlist = parseAddressAllowlist('');
    expect(allowlist.entries).toEqual([]);
    expect(allowlist.allows('127.0.0.1')).toBe(false);
    expect(parseAddressAllowlist(' , ').entries).toEqual([]);
  });

  it('reads comma- and space-separated addresses and blocks', () => {
    const allowlist = parseAddressAllowlist('127.0.0.1/32, ::1 10.0.0.0/8,\n192.168.0.0/16');
    expect(allowlist.entries).toEqual(['127.0.0.1/32', '::1', '10.0.0.0/8', '192.168.0.0/16']);
    expect(allowlist.allows('127.0.0.1')).toBe(true);
    expect(allowlist.allows('127.0.0.2')).toBe(false);
    expect(allowlist.allows('::1')).toBe(true);
    expect(allowlist.allows('::2')).toBe(false);
    expect(allowlist.allows('10.255.0.1')).toBe(true);
    expect(allowlist.allows('11.0.0.1')).toBe(false);
    expect(allowlist.allows('192.168.77.1')).toBe(true);
    expect(allowlist.allows('not an address')).toBe(false);
  });

  it('takes a single address as a block of one', () => {
    const allowlist = parseAddressAllowlist('172.17.0.2');
    expect(allowlist.allows('172.17.0.2')).toBe(true);
    expect(allowlist.allows('172.17.0.3')).toBe(false);
  });

  it('matches IPv4-mapped IPv6 addresses against IPv4 entries, and the reverse', () => {
    expect(parseAddressAllowlist('127.0.0.1').allows('::ffff:127.0.0.1')).toBe(true);
    const mapped = parseAddressAllowlist('::ffff:10.0.0.0/104');
    expect(mapped.allows('10.9.8.7')).toBe(true);
    expect(mapped.allows('::ffff:10.9.8.7')).toBe(true);
    expect(mapped.allows('11.0.0.1')).toBe(false);
  });

  it('does not let an IPv4 entry allow a NAT64 address', () => {
    expect(parseAddressAllowlist('127.0.0.1').allows('64:ff9b::7f00:1')).toBe(false);
  });

  it('reads IPv6 blocks at any prefix length', () => {
    const allowlist = parseAddressAllowlist('fd00::/8 2001:db8:1::/48 ::/0');
    expect(allowlist.allows('fd12::1')).toBe(true);
    expect(allowlist.allows('fe80::1')).toBe(true);
    expect(parseAddressAllowlist('2001:db8:1::/48').allows('2001:db8:1:ffff::1')).toBe(true);
    expect(parseAddressAllowlist('2001:db8:1::/48').allows('2001:db8:2::1')).toBe(false);
    expect(parseAddressAllowlist('0.0.0.0/0').allows('10.1.1.1')).toBe(true);
  });

  it.each([
    ['localhost', /"localhost" is not an IP address/],
    ['127.0.0.1, 10.0.0.0/33', /"10.0.0.0\/33".*at most 32/],
    ['::1/129', /"::1\/129".*at most 128/],
    ['10.0.0.0/', /"10.0.0.0\/" has a bad prefix/],
    ['10.0.0.0/x', /"10.0.0.0\/x" has a bad prefix/],
    ['10.0.0.0/-1', /"10.0.0.0\/-1" has a bad prefix/],
    ['10.0.0.5/8', /"10.0.0.5\/8" has bits set after its \/8 prefix/],
    ['fe80::1%eth0', /"fe80::1%eth0" is not an IP address/],
    ['1.2.3.4/8/8', /"1.2.3.4\/8\/8"/],
  ])('refuses %p, naming the entry', (text, message) => {
    expect(() => parseAddressAllowlist(text)).toThrow(RangeError);
    expect(() => parseAddressAllowlist(text)).toThrow(message);
  });
});

describe('checkWebhookAddress', () => {
  const none = parseAddressAllowlist('');

  it('allows public addresses', () => {
    expect(checkWebhookAddress('8.8.8.8', none)).toEqual({ allowed: true });
    expect(checkWebhookAddress('2606:4700:4700::1111', none)).toEqual({ allowed: true });
  });

  it.each([
    ['10.0.0.5', 'address 10.0.0.5 is private'],
    ['127.0.0.1', 'address 127.0.0.1 is loopback'],
    ['::ffff:127.0.0.1', 'address ::ffff:127.0.0.1 is loopback'],
    ['169.254.169.254', 'address 169.254.169.254 is a cloud metadata endpoint'],
    ['100.64.1.1', 'address 100.64.1.1 is in the shared address space 100.64.0.0/10'],
    ['0.0.0.0', 'address 0.0.0.0 is unspecified'],
    ['ff02::1', 'address ff02::1 is multicast'],
    ['fe80::1', 'address fe80::1 is link-local'],
    ['192.0.2.1', 'address 192.0.2.1 is reserved'],
    ['nonsense', '"nonsense" is not an IP address'],
  ])('refuses %s: %s', (ip, reason) => {
    expect(checkWebhookAddress(ip, none)).toEqual({ allowed: false, reason });
  });

  it('allows a non-public address only when allowlisted', () => {
    const local = parseAddressAllowlist('127.0.0.1/32, ::1');
    expect(checkWebhookAddress('127.0.0.1', local)).toEqual({ allowed: true });
    expect(checkWebhookAddress('::1', local)).toEqual({ allowed: true });
    expect(checkWebhookAddress('::ffff:127.0.0.1', local)).toEqual({ allowed: true });
    expect(checkWebhookAddress('10.0.0.5', local)).toEqual({ allowed: false, reason: 'address 10.0.0.5 is private' });
  });
});
