export { createSegmentationApp } from './segmentation.app';
export { SEGMENTATION_SERVICE, segmentationConfigSchema, type SegmentationConfig } from './segmentation.config';
export {
  SEGMENTATION_ENTITIES,
  SEGMENTATION_MIGRATIONS,
  SEGMENTATION_SCHEMA,
  openSegmentationDatabase,
} from './segmentation.data-source';
