import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { JetStreamClient, Namespace, ObservabilityHttpServer } from '@gazette-watch/messaging';
import { DataSource } from 'typeorm';
import { AppointmentEventsRepository } from './appointment-events.repository';
import { AppointmentRepository } from './appointment.repository';
import { APPOINTMENTS_SERVICE, type AppointmentsConfig } from './appointments.config';
import { AppointmentsHandler } from './appointments.handler';
import { ReplayAppointmentsRepository } from './replay-appointments.repository';
import { TenureRepository } from './tenure.repository';
import { AppointmentsProgress } from './use-cases/appointments-progress.use-case';
import { PersonTimeline } from './use-cases/person-timeline.use-case';
import { PostHolders } from './use-cases/post-holders.use-case';
import { RecordAppointments } from './use-cases/record-appointments.use-case';
import { ReportReplayAppointments } from './use-cases/report-replay-appointments.use-case';
import { SearchAppointments } from './use-cases/search-appointments.use-case';

export interface AppointmentsModuleOptions {
  config: AppointmentsConfig;
  /** Initialised and migrated by the app factory; this module closes it at shutdown. */
  dataSource: DataSource;
  /** `/health/*` and `/metrics` on HTTP_PORT, for the lifetime of the application. */
  observability: ObservabilityHttpServer;
}

/** Closes the database after the transport drained (shutdown hooks run after the server closed). */
class DataSourceCloser implements OnApplicationShutdown {
  constructor(private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

@Module({})
export class AppointmentsModule {
  static register({ config, dataSource, observability }: AppointmentsModuleOptions): DynamicModule {
    return {
      module: AppointmentsModule,
      controllers: [AppointmentsHandler],
      providers: [
        { provide: DataSource, useValue: dataSource },
        { provide: ObservabilityHttpServer, useValue: observability },
        { provide: DataSourceCloser, useFactory: (ds: DataSource) => new DataSourceCloser(ds), inject: [DataSource] },
        {
          provide: AppointmentRepository,
          useFactory: (ds: DataSource) => new AppointmentRepository(ds),
          inject: [DataSource],
        },
        { provide: TenureRepository, useFactory: (ds: DataSource) => new TenureRepository(ds), inject: [DataSource] },
        {
          provide: ReplayAppointmentsRepository,
          useFactory: (ds: DataSource) => new ReplayAppointmentsRepository(ds),
          inject: [DataSource],
        },
        {
          provide: AppointmentEventsRepository,
          useFactory: () =>
            new AppointmentEventsRepository(
              new JetStreamClient({
                servers: config.NATS_URL,
                name: `${APPOINTMENTS_SERVICE}-publisher`,
                namespace: new Namespace(config.NATS_SUBJECT_PREFIX, config.NATS_STREAM_PREFIX),
              }),
            ),
        },
        {
          provide: RecordAppointments,
          useFactory: (
            ds: DataSource,
            appointments: AppointmentRepository,
            tenures: TenureRepository,
            events: AppointmentEventsRepository,
            replays: ReplayAppointmentsRepository,
          ) => new RecordAppointments(ds, appointments, tenures, events, replays),
          inject: [
            DataSource,
            AppointmentRepository,
            TenureRepository,
            AppointmentEventsRepository,
            ReplayAppointmentsRepository,
          ],
        },
        {
          provide: ReportReplayAppointments,
          useFactory: (replays: ReplayAppointmentsRepository) => new ReportReplayAppointments(replays),
          inject: [ReplayAppointmentsRepository],
        },
        {
          provide: SearchAppointments,
          useFactory: (appointments: AppointmentRepository) => new SearchAppointments(appointments),
          inject: [AppointmentRepository],
        },
        {
          provide: AppointmentsProgress,
          useFactory: (appointments: AppointmentRepository) => new AppointmentsProgress(appointments),
          inject: [AppointmentRepository],
        },
        {
          provide: PersonTimeline,
          useFactory: (tenures: TenureRepository) => new PersonTimeline(tenures),
          inject: [TenureRepository],
        },
        {
          provide: PostHolders,
          useFactory: (tenures: TenureRepository) => new PostHolders(tenures),
          inject: [TenureRepository],
        },
      ],
    };
  }
}
