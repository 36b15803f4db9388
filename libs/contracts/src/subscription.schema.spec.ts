import {
  notifySubject,
  subscriptionCreateRequestSchema,
  subscriptionFilterSchema,
  webhookUrlSchema,
} from './subscription.schema';

describe('subscription filter', () => {
  it('accepts an empty filter (everything) and trims terms', () => {
    expect(subscriptionFilterSchema.parse({})).toEqual({});
    expect(subscriptionFilterSchema.parse({ regions: [' 吕梁市 '] })).toEqual({ regions: ['吕梁市'] });
  });

  it.each([
    ['an unknown field', { region: ['吕梁市'] }, /unrecognized/i],
    ['an empty list', { regions: [] }, /leave the field out/],
    ['an empty term', { keywords: ['  '] }, /must not be empty/],
    ['an unknown kind', { kinds: ['budget'] }, /appointment|regulation/],
    ['people with regulations only', { kinds: ['regulation'], people: ['张三'] }, /only match appointments/],
  ])('refuses %s with a message saying why', (_case, filter, message) => {
    const result = subscriptionFilterSchema.safeParse(filter);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join('; ')).toMatch(message);
  });
});

describe('webhook URL', () => {
  it('takes http and https URLs without credentials', () => {
    expect(webhookUrlSchema.safeParse('https://hooks.example.org/gazette').success).toBe(true);
    expect(webhookUrlSchema.safeParse('ftp://example.org/').success).toBe(false);
    expect(webhookUrlSchema.safeParse('https://user:pw@example.org/').success).toBe(false);
  });

  it('reports a value that is not a URL instead of throwing', () => {
    expect(() => webhookUrlSchema.safeParse('nope')).not.toThrow();
    expect(webhookUrlSchema.safeParse('nope').success).toBe(false);
  });

  it('belongs to the create request, which defaults the filter to everything', () => {
    const request = subscriptionCreateRequestSchema.parse({
      principal: { role: 'subscriber', subscriber_id: '7d1f5c7e-2b1a-4c3e-9f00-000000000001' },
      name: 'desk',
    });
    expect(request.filter).toEqual({});
  });
});

describe('notifySubject', () => {
  it('names one subject per subscription and refuses anything that is not an id', () => {
    expect(notifySubject('7d1f5c7e-2b1a-4c3e-9f00-000000000001')).toBe('notify.7d1f5c7e-2b1a-4c3e-9f00-000000000001');
    expect(() => notifySubject('a.>')).toThrow(RangeError);
  });
});
