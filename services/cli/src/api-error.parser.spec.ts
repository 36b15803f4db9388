import { describeFetchFailure, parseApiError } from './api-error.parser';

describe('parseApiError', () => {
  it('reads the gateway’s message and its issues, with or without a path', () => {
    const body = JSON.stringify({
      statusCode: 400,
      message: 'invalid filter',
      issues: [{ path: 'kinds.0', message: 'Invalid option' }, { path: '', message: 'whole filter' }, 'as text'],
    });
    expect(parseApiError(400, body)).toEqual({
      status: 400,
      message: 'invalid filter',
      issues: ['kinds.0: Invalid option', 'whole filter', 'as text'],
    });
  });

  it('takes a path given as a list', () => {
    const body = JSON.stringify({ message: 'm', issues: [{ path: ['webhook', 'url'], message: 'refused' }] });
    expect(parseApiError(400, body).issues).toEqual(['webhook.url: refused']);
  });

  it('reads Nest’s list of messages as issues', () => {
    expect(parseApiError(400, JSON.stringify({ statusCode: 400, message: ['a is wrong', 'b is wrong'] }))).toEqual({
      status: 400,
      message: 'HTTP 400',
      issues: ['a is wrong', 'b is wrong'],
    });
  });

  it('shows any other body as it is, and an empty one as the status', () => {
    expect(parseApiError(502, '<html>Bad Gateway</html>\n')).toEqual({
      status: 502,
      message: '<html>Bad Gateway</html>',
      issues: [],
    });
    expect(parseApiError(503, '')).toEqual({ status: 503, message: 'HTTP 503', issues: [] });
    expect(parseApiError(500, '{"message": 7}').message).toBe('{"message": 7}');
  });
});

describe('describeFetchFailure', () => {
  it('prefers the cause Node’s fetch hides the reason in', () => {
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: { message: 'connect ECONNREFUSED 127.0.0.1:3000', code: 'ECONNREFUSED' },
    });
    expect(describeFetchFailure(refused)).toBe('connect ECONNREFUSED 127.0.0.1:3000');
    expect(describeFetchFailure(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }))).toBe(
      'ECONNRESET',
    );
    expect(describeFetchFailure(new Error('aborted'))).toBe('aborted');
    expect(describeFetchFailure('odd')).toBe('odd');
  });
});
