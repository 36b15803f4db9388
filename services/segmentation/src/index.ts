export { createSegmentationApp, type SegmentationAppOptions } from './segmentation.app';
export type { GazetteParser } from './use-cases/segment-gazette.use-case';
export { SEGMENTATION_SERVICE, segmentationConfigSchema, type SegmentationConfig } from './segmentation.config';
export {
  SEGMENTATION_ENTITIES,
  SEGMENTATION_MIGRATIONS,
  SEGMENTATION_SCHEMA,
  openSegmentationDatabase,
} from './segmentation.data-source';
