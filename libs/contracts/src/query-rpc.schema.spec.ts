import { parseRpcReply, parseRpcRequest, RPC_CONTRACTS } from './rpc.schema';

const GAZETTE = 'a'.repeat(64);

describe('query contracts', () => {
  it('names the answering service of every query', () => {
    expect(RPC_CONTRACTS['documents.search'].service).toBe('segmentation');
    expect(RPC_CONTRACTS['person.timeline'].service).toBe('appointments');
    expect(RPC_CONTRACTS['entities.get'].service).toBe('extraction');
  });

  it('fills paging defaults and keeps filters', () => {
    expect(parseRpcRequest('documents.search', { region: '吕梁市', from: '2023-01-01' })).toEqual({
      region: '吕梁市',
      from: '2023-01-01',
      limit: 50,
      offset: 0,
    });
  });

  it.each([
    ['documents.search', { from: '2023-13-01' }],
    ['documents.search', { limit: 10_000 }],
    ['appointments.search', { action: 'promote' }],
    ['gazette.ingest', { file_name: 'a.txt', media_type: 'text/plain', bytes_base64: 'not base64!' }],
    ['person.timeline', { person: '' }],
  ] as const)('rejects a bad %s request', (name, request) => {
    expect(() => parseRpcRequest(name, request)).toThrow(/rpc/);
  });

  it('checks a progress reply', () => {
    const reply = { gazette_id: GAZETTE, stage: 'segmentation', done: 3, expected: 3, updated_at: null };
    expect(parseRpcReply('segmentation.progress', reply)).toEqual(reply);
    expect(() => parseRpcReply('segmentation.progress', { ...reply, done: -1 })).toThrow();
  });
});
