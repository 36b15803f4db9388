import { natsConnectionOptions } from './nats-connection';

describe('natsConnectionOptions', () => {
  it('leaves a URL without credentials as it is', () => {
    expect(natsConnectionOptions('nats://127.0.0.1:4222')).toEqual({ servers: 'nats://127.0.0.1:4222' });
    expect(natsConnectionOptions('127.0.0.1:4222')).toEqual({ servers: '127.0.0.1:4222' });
  });

  it('moves credentials out of the URL, decoded', () => {
    expect(natsConnectionOptions('nats://us%40r:p%3Ass@nats.internal:4222')).toEqual({
      servers: 'nats://nats.internal:4222',
      user: 'us@r',
      pass: 'p:ss',
    });
  });

  it('keeps explicit connection options and handles a list of servers', () => {
    expect(natsConnectionOptions(['nats://a:b@one:4222', 'nats://two:4222'], { user: 'x', name: 'svc' })).toEqual({
      servers: ['nats://one:4222', 'nats://two:4222'],
      user: 'x',
      pass: 'b',
      name: 'svc',
    });
  });
});
