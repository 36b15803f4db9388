import { loadConfig } from '@gazette-watch/config';
import { ObservabilityHttpServer } from '@gazette-watch/messaging';
import { describeServiceObservability } from '@gazette-watch/testing';
import { createAppointmentsApp } from '../src/appointments.app';
import { appointmentsConfigSchema } from '../src/appointments.config';

jest.setTimeout(30_000);

describeServiceObservability({
  name: 'appointments',
  stream: 'DOCUMENTS',
  createApp: (env) => createAppointmentsApp(loadConfig(appointmentsConfigSchema, env)),
  httpServerOf: (app) => app.get(ObservabilityHttpServer).httpServer,
});
