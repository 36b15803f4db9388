import { acceptRpcRequest, checkRpcReply } from './rpc-contract';
import { PermanentError } from './errors';

const GAZETTE = 'a'.repeat(64);

describe('acceptRpcRequest', () => {
  it('returns the request as its contract parses it', () => {
    expect(acceptRpcRequest('gazette.list', {})).toEqual({ limit: 50, offset: 0 });
  });

  it('refuses for good a request outside its contract, naming the problem', () => {
    expect(() => acceptRpcRequest('ingestion.progress', { gazette_id: 'nope' })).toThrow(PermanentError);
    expect(() => acceptRpcRequest('ingestion.progress', { gazette_id: 'nope' })).toThrow(/gazette_id/);
  });
});

describe('checkRpcReply', () => {
  it('passes a reply that fits and refuses one that does not', () => {
    const progress = { gazette_id: GAZETTE, stage: 'ingestion', done: 1, expected: 1, updated_at: null };
    expect(checkRpcReply('ingestion.progress', progress)).toEqual(progress);
    expect(() => checkRpcReply('ingestion.progress', { ...progress, done: -1 })).toThrow(
      /reply refused by its own contract/,
    );
  });
});
