import { loadConfig } from '@gazette-watch/config';
import { ObservabilityHttpServer } from '@gazette-watch/messaging';
import { describeServiceObservability } from '@gazette-watch/testing';
import { createSegmentationApp } from '../src/segmentation.app';
import { segmentationConfigSchema } from '../src/segmentation.config';

jest.setTimeout(30_000);

describeServiceObservability({
  name: 'segmentation',
  stream: 'GAZETTES',
  createApp: (env) => createSegmentationApp(loadConfig(segmentationConfigSchema, env)),
  httpServerOf: (app) => app.get(ObservabilityHttpServer).httpServer,
});
