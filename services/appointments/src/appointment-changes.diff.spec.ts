import {
  appointmentChangesReport,
  appointmentsDiff,
  changedAppointmentFields,
  isUnchanged,
} from './appointment-changes.diff';
import type { AppointmentRow } from './appointment-record.mapper';

const G = 'a'.repeat(64);

function row(id: string, overrides: Partial<AppointmentRow> = {}): AppointmentRow {
  return {
    appointmentId: id.padEnd(32, '0'),
    documentId: `${G}:17`,
    gazetteId: G,
    region: '吕梁市',
    person: '王吉',
    action: 'appoint',
    method: 'appoint',
    position: '市财政局局长',
    organisation: '吕梁市财政局',
    title: '局长',
    postKey: '吕梁市财政局局长',
    qualifiers: [],
    notes: [],
    meeting: null,
    meetingDate: null,
    docNumber: '吕政任〔2023〕4号',
    signedOn: '2023-04-22',
    confidence: 0.9,
    reasons: [],
    pipelineVersion: '0.1.0',
    ...overrides,
  };
}

describe('appointmentsDiff', () => {
  it('finds nothing when the same records come again, whatever pipeline recorded them', () => {
    const changes = appointmentsDiff([row('a'), row('b')], [row('b', { pipelineVersion: '0.2.0' }), row('a')]);
    expect(isUnchanged(changes)).toBe(true);
  });

  it('tells added, removed and changed records apart by id', () => {
    const changes = appointmentsDiff(
      [row('a'), row('b'), row('c')],
      [row('a'), row('c', { qualifiers: ['试用期一年'] }), row('d', { person: '高博' })],
    );
    expect(changes.added.map((r) => r.appointmentId)).toEqual([row('d').appointmentId]);
    expect(changes.removed.map((r) => r.appointmentId)).toEqual([row('b').appointmentId]);
    expect(changes.changed).toEqual([{ before: row('c'), after: row('c', { qualifiers: ['试用期一年'] }) }]);
    expect(isUnchanged(changes)).toBe(false);
  });

  it('counts every stored field but the version as a change', () => {
    for (const change of [
      { method: 'engage' as const },
      { organisation: null },
      { postKey: '吕梁市人民政府副秘书长' },
      { notes: ['兼'] },
      { meeting: '市政府常务会议' },
      { signedOn: null },
      { confidence: 0.5 },
    ]) {
      expect(changedAppointmentFields(row('a'), row('a', change))).toEqual(Object.keys(change));
    }
    expect(changedAppointmentFields(row('a'), row('a', { pipelineVersion: 'x' }))).toEqual([]);
  });

  it('reports removed records as they were and the others as they are now', () => {
    const report = appointmentChangesReport(
      appointmentsDiff([row('b'), row('c')], [row('c', { position: '市财政局党组书记、局长' }), row('d')]),
    );
    expect(report).toEqual({
      added: [expect.objectContaining({ appointment_id: row('d').appointmentId })],
      removed: [
        {
          appointment_id: row('b').appointmentId,
          document_id: `${G}:17`,
          person: '王吉',
          action: 'appoint',
          position: '市财政局局长',
        },
      ],
      changed: [
        expect.objectContaining({ appointment_id: row('c').appointmentId, position: '市财政局党组书记、局长' }),
      ],
    });
  });
});
