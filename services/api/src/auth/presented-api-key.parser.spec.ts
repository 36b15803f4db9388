import { presentedApiKey } from './presented-api-key.parser';

describe('presentedApiKey', () => {
  it('reads a Bearer token, whatever the scheme case', () => {
    expect(presentedApiKey({ headers: { authorization: 'Bearer k1' } }, false)).toBe('k1');
    expect(presentedApiKey({ headers: { authorization: 'bearer  k1 ' } }, false)).toBe('k1');
  });

  it('falls back to X-API-Key, and ignores other schemes', () => {
    expect(presentedApiKey({ headers: { authorization: 'Basic dTpw', 'x-api-key': ' k2 ' } }, false)).toBe('k2');
    expect(presentedApiKey({ headers: { authorization: 'Basic dTpw' } }, false)).toBeNull();
  });

  it('prefers the Authorization header over X-API-Key', () => {
    expect(presentedApiKey({ headers: { authorization: 'Bearer k1', 'x-api-key': 'k2' } }, false)).toBe('k1');
  });

  it('reads ?api_key= only where allowed', () => {
    const request = { headers: {}, query: { api_key: 'k3' } };
    expect(presentedApiKey(request, false)).toBeNull();
    expect(presentedApiKey(request, true)).toBe('k3');
    expect(presentedApiKey({ headers: { 'x-api-key': 'k2' }, query: { api_key: 'k3' } }, true)).toBe('k2');
  });

  it('treats a repeated or empty key as absent', () => {
    expect(presentedApiKey({ headers: {}, query: { api_key: ['a', 'b'] } }, true)).toBeNull();
    expect(presentedApiKey({ headers: { 'x-api-key': '' }, query: { api_key: '' } }, true)).toBeNull();
  });
});
