import { appointmentRecordedPayloadSchema, type AppointmentRecordedPayload } from '@gazette-watch/contracts';
import { appointmentFact, appointmentPayload, regulationFact } from './fact.fixture';
import { factViewOf } from './fact.view';

describe('factViewOf', () => {
  it('shows an appointment through its notice, person, organisation and post', () => {
    expect(factViewOf(appointmentFact())).toEqual({
      kind: 'appointment',
      region: '吕梁市',
      publisher: '吕梁市人民政府',
      issuers: ['吕梁市人民政府'],
      docType: '通知',
      title: '吕梁市人民政府关于张三等同志职务任免的通知',
      body: '',
      people: ['张三'],
      organisations: ['吕梁市财政局', '市财政局局长'],
    });
  });

  it('leaves out an unresolved organisation and reads a missing notice title as empty', () => {
    const view = factViewOf(appointmentFact({ organisation: null, document_title: null }));
    expect(view.organisations).toEqual(['市财政局局长']);
    expect(view.title).toBe('');
  });

  it('shows a regulation through its title, body and issuers, with no people or organisations', () => {
    expect(factViewOf(regulationFact())).toEqual({
      kind: 'regulation',
      region: '吕梁市',
      publisher: '吕梁市人民政府',
      issuers: ['吕梁市人民政府办公室'],
      docType: '办法',
      title: '吕梁市城市供水管理办法',
      body: '第一条 为了加强城市供水管理，根据有关法律法规，制定本办法。',
      people: [],
      organisations: [],
    });
  });

  it('copies the issuers, so a view cannot change the payload', () => {
    const fact = appointmentFact();
    factViewOf(fact).issuers.push('别的机关');
    expect(fact.payload.issuers).toEqual(['吕梁市人民政府']);
  });

  it('reads an older producer’s appointment that lacks the document fields as having none', () => {
    const { document_title: _t, doc_type: _d, publisher: _p, issuers: _i, ...old } = appointmentPayload();
    const raw = old as unknown as AppointmentRecordedPayload;
    const view = factViewOf({ kind: 'appointment', payload: raw });
    expect(view).toMatchObject({ title: '', docType: null, publisher: null, issuers: [] });
    // Parsed through the contract, the same payload gets the same defaults.
    expect(factViewOf({ kind: 'appointment', payload: appointmentRecordedPayloadSchema.parse(old) })).toEqual(view);
  });
});
