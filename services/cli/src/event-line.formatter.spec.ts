import { formatEventJson, formatEventLine } from './event-line.formatter';

const AT = new Date(2024, 0, 2, 9, 3, 7);

function appointmentEvent(overrides: Record<string, unknown> = {}, fact: Record<string, unknown> = {}) {
  const data = {
    type: 'appointment.recorded',
    fact_id: 'appointment.recorded:abc',
    region: '吕梁市',
    title: '张三 任 吕梁市财政局局长',
    fact: { person: '张三', doc_number: '吕政任〔2023〕5号', ...fact },
    ...overrides,
  };
  return { event: 'appointment', id: 'appointment.recorded:abc', data: JSON.stringify(data) };
}

describe('formatEventLine', () => {
  it('shows the local time, the kind, the title, the doc number and the region', () => {
    expect(formatEventLine(appointmentEvent(), AT)).toEqual({
      ok: true,
      line: '09:03:07  appointment  张三 任 吕梁市财政局局长  (吕政任〔2023〕5号 · 吕梁市)',
    });
  });

  it('aligns the kinds and leaves out what the fact lacks', () => {
    const regulation = {
      event: 'regulation',
      id: 'r',
      data: JSON.stringify({ type: 'regulation.published', fact_id: 'r', region: null, title: '办法', fact: {} }),
    };
    expect(formatEventLine(regulation, AT)).toEqual({ ok: true, line: '09:03:07  regulation   办法' });
    expect(formatEventLine(appointmentEvent({ region: null }), AT)).toMatchObject({
      line: expect.stringMatching(/\(吕政任〔2023〕5号\)$/),
    });
    expect(formatEventLine(appointmentEvent({}, { doc_number: null }), AT)).toMatchObject({
      line: expect.stringMatching(/局长 {2}\(吕梁市\)$/),
    });
  });

  it('takes the kind from the data when the event is unnamed', () => {
    const { data } = appointmentEvent();
    expect(formatEventLine({ event: undefined, id: undefined, data }, AT)).toMatchObject({
      line: expect.stringMatching(/^09:03:07 {2}appointment {2}/),
    });
  });

  it('keeps one event on one line and away from terminal control', () => {
    const line = formatEventLine(appointmentEvent({ title: '第一行\n第二行\x1b[2J\x07' }), AT);
    expect(line).toEqual({ ok: true, line: expect.stringContaining('第一行 第二行 [2J') });
    for (const control of ['\n', '\x1b', '\x07']) expect(line.ok && line.line).not.toContain(control);
  });

  it('refuses data that is not JSON or not a fact event, with a reason', () => {
    expect(formatEventLine({ event: 'appointment', id: 'x', data: 'oops' }, AT)).toEqual({
      ok: false,
      reason: 'its data is not JSON',
    });
    const result = formatEventLine({ event: 'appointment', id: 'x', data: '{"type":"a","fact_id":"x"}' }, AT);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/not a fact event \(title: .*fact: /) });
  });
});

describe('formatEventJson', () => {
  it('passes the data on as the server wrote it', () => {
    const event = appointmentEvent();
    expect(formatEventJson(event)).toEqual({ ok: true, line: event.data });
  });

  it('joins data split over several lines back into one line of JSON', () => {
    expect(formatEventJson({ event: 'x', id: 'y', data: '{\n"a": 1\n}' })).toEqual({ ok: true, line: '{"a":1}' });
  });

  it('refuses data that is not JSON', () => {
    expect(formatEventJson({ event: 'x', id: 'y', data: 'nope' })).toEqual({
      ok: false,
      reason: 'its data is not JSON',
    });
  });
});
