export * from './config.error';
export * from './config.loader';
export * from './config.describer';
export * from './base-config.schema';
