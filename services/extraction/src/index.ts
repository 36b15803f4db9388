export { createExtractionApp } from './extraction.app';
export { EXTRACTION_SERVICE, extractionConfigSchema, type ExtractionConfig } from './extraction.config';
export {
  EXTRACTION_ENTITIES,
  EXTRACTION_MIGRATIONS,
  EXTRACTION_SCHEMA,
  openExtractionDatabase,
} from './extraction.data-source';
