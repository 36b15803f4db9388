export * from './model/gazette.model';
export * from './model/gazette-input.error';
export * from './parse-gazette';
export { decodeGazette, type DecodedText, type GazetteEncoding } from './decode';
export { extractEntities, extractRegulationTerms, type EntityContext } from './entities';
export { extractAppointments, type AppointmentContext } from './appointments';

/** Recorded with every stored fact, so that a replay can tell what an older parser produced. */
export const PARSER_VERSION = '0.1.0';
