import { ContractViolation } from './contract-violation.error';
import { gazetteId } from './message-id';
import {
  GAZETTE_FETCH,
  gazetteBytesFromReply,
  gazetteFetchReplySchema,
  gazetteFetchRequestSchema,
  parseRpcReply,
  parseRpcRequest,
  RPC_CONTRACTS,
} from './rpc.schema';
import { rpcSubject } from './subject.catalog';

const bytes = new TextEncoder().encode('吕梁市人民政府公报');
const GAZETTE = gazetteId(bytes);
const reply = { gazette_id: GAZETTE, bytes_base64: Buffer.from(bytes).toString('base64') };

describe('gazette.fetch', () => {
  it('is answered by ingestion', () => {
    const { service } = RPC_CONTRACTS[GAZETTE_FETCH];
    expect(rpcSubject(service, GAZETTE_FETCH)).toBe('rpc.ingestion.gazette.fetch');
  });

  it('accepts a request by gazette id and rejects anything else', () => {
    expect(gazetteFetchRequestSchema.safeParse({ gazette_id: GAZETTE }).success).toBe(true);
    expect(gazetteFetchRequestSchema.safeParse({ gazette_id: 'abc' }).success).toBe(false);
    expect(gazetteFetchRequestSchema.safeParse({}).success).toBe(false);
  });

  it('accepts a reply with base64 bytes and rejects bad encodings', () => {
    expect(gazetteFetchReplySchema.safeParse(reply).success).toBe(true);
    expect(gazetteFetchReplySchema.safeParse({ ...reply, bytes_base64: '' }).success).toBe(false);
    expect(gazetteFetchReplySchema.safeParse({ ...reply, bytes_base64: 'not base64!' }).success).toBe(false);
  });

  it('parses through the registry with ContractViolation on failure', () => {
    expect(parseRpcRequest(GAZETTE_FETCH, { gazette_id: GAZETTE })).toEqual({ gazette_id: GAZETTE });
    expect(parseRpcReply(GAZETTE_FETCH, reply)).toEqual(reply);
    expect(() => parseRpcReply(GAZETTE_FETCH, { gazette_id: GAZETTE })).toThrow(
      'rpc gazette.fetch reply: bytes_base64: ',
    );
    expect(() => parseRpcRequest('gazette.delete' as typeof GAZETTE_FETCH, {})).toThrow(ContractViolation);
  });

  it('returns the bytes only when they hash to the id', () => {
    expect(gazetteBytesFromReply(reply)).toEqual(bytes);
    const other = Buffer.from('another gazette').toString('base64');
    expect(() => gazetteBytesFromReply({ ...reply, bytes_base64: other })).toThrow(
      'the bytes do not hash to gazette_id',
    );
  });
});
