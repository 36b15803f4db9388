export * from './model/gazette.model';
export * from './model/gazette-input.error';
export * from './parse-gazette';
