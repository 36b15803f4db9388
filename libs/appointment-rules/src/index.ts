export { parsePost, postKey, type Post } from './post.parser';
export { resolveOrganisation, type RegionContext } from './organisation.resolver';
export { allowsConcurrentHolders } from './post-title.pattern';
export { normaliseName } from './name.normaliser';
export { tenureId } from './tenure-id';
export { startsOrEndsTenure } from './appointment.event';
export { applyRecords, applyChanges, buildTimeline, compareTenures } from './timeline.reducer';
export { personTimeline, postHolders, type TenureView } from './timeline.views';
export { AppointmentRecordError } from './record.error';
export type {
  AppointmentAction,
  ApplicableRecord,
  Tenure,
  TenureEvidence,
  TenureLink,
  TenureStatus,
  Timeline,
  TimelineChanges,
  TimelineSnapshot,
} from './timeline.model';
