/**
 * The harness hands NATS around as one URL (the NATS container always requires a user); the
 * transport's own option builder turns it into what nats.js reads, so tests connect alike.
 */
export { natsConnectionOptions } from '@gazette-watch/messaging';
