import fc from 'fast-check';

import type { AppointmentRecord } from '../model/gazette.model';
import { type AppointmentContext, extractAppointments } from './appointment-extractor';

const context: AppointmentContext = { docNumber: '某政任〔2023〕1号', signedOn: '2023-04-22', year: 2023 };
const SIGNATURE = '某某市人民政府\n2023 年 4 月 22 日\n（此件公开发布）';

function extract(text: string, ctx: AppointmentContext = context): AppointmentRecord[] {
  return extractAppointments(text, ctx);
}

/** The fields the scorer matches, plus the method, one tuple per record. */
function brief(text: string): [string, string, string, string, string[]][] {
  return extract(text).map((r) => [r.person, r.action, r.method, r.position, r.qualifiers]);
}

describe('extractAppointments: list style', () => {
  it('reads a 任命 list and a 免去 list, skipping recipients and signature', () => {
    const text = [
      '各县（市、区）人民政府，市人民政府各委、办、局：',
      '经研究，决定',
      '任命：',
      '张三为市财政局副局长（试用期一年）；',
      '李四为市商务局局长。',
      '决定免去：',
      '王五的市财政局副局长职务；',
      '赵六的市商务局局长职务。',
      SIGNATURE,
    ].join('\n');
    expect(brief(text)).toEqual([
      ['张三', 'appoint', 'appoint', '市财政局副局长', ['试用期一年']],
      ['李四', 'appoint', 'appoint', '市商务局局长', []],
      ['王五', 'remove', 'remove', '市财政局副局长', []],
      ['赵六', 'remove', 'remove', '市商务局局长', []],
    ]);
  });

  it('keeps the 任命 list open past a full stop until the next list keyword', () => {
    const text =
      '任命：\n张三为市财政局局长。\n李四为市商务局局长；\n王五为市审计局局长。\n免去：\n赵六的市审计局局长职务。';
    expect(brief(text).map(([person, action]) => [person, action])).toEqual([
      ['张三', 'appoint'],
      ['李四', 'appoint'],
      ['王五', 'appoint'],
      ['赵六', 'remove'],
    ]);
  });

  it('reads removal entries without 的 (name, 同志, post)', () => {
    const text = '免去：\n司海滨同志市人民政府国防动员办公室主任职务；\n冯国华同志市政府办公室副主任职务。';
    expect(brief(text)).toEqual([
      ['司海滨', 'remove', 'remove', '市人民政府国防动员办公室主任', []],
      ['冯国华', 'remove', 'remove', '市政府办公室副主任', []],
    ]);
  });

  it('reads a 聘任 list as engagements', () => {
    expect(brief('决定聘任：\n张三为市第一中学校长；\n李四为市第一中学副校长。')).toEqual([
      ['张三', 'appoint', 'engage', '市第一中学校长', []],
      ['李四', 'appoint', 'engage', '市第一中学副校长', []],
    ]);
  });

  it('reads a 任免如下 list by the wording of each entry', () => {
    const text = '现将有关人员任免如下：\n一、张三为市财政局局长；\n二、李四的市财政局局长职务。';
    expect(brief(text)).toEqual([
      ['张三', 'appoint', 'appoint', '市财政局局长', []],
      ['李四', 'remove', 'remove', '市财政局局长', []],
    ]);
  });

  it('splits entries printed one per line without punctuation', () => {
    const records = extract(
      '任命：\n张三为市财政局局长\n李四为市商务局局长\n免去：\n王五的市审计局局长职务\n赵六的市统计局局长职务',
    );
    expect(records.map((r) => [r.person, r.action, r.position])).toEqual([
      ['张三', 'appoint', '市财政局局长'],
      ['李四', 'appoint', '市商务局局长'],
      ['王五', 'remove', '市审计局局长'],
      ['赵六', 'remove', '市统计局局长'],
    ]);
    expect(records[1].reasons).toContain('entries not separated by punctuation');
  });
});

describe('extractAppointments: inline wording', () => {
  it.each([
    ['任命张三为市财政局局长。', 'appoint', 'appoint'],
    ['张三为市财政局局长。', 'appoint', 'appoint'],
    ['张三同志为市财政局局长。', 'appoint', 'appoint'],
    ['经研究，决定任命张三同志为市财政局局长。', 'appoint', 'appoint'],
    ['张三任市财政局局长。', 'appoint', 'appoint'],
    ['聘任张三为市财政局局长。', 'appoint', 'engage'],
    ['提名张三为市财政局局长人选。', 'appoint', 'nominate'],
    ['张三代理市财政局局长。', 'appoint', 'acting'],
    ['决定张三代理市财政局局长职务。', 'appoint', 'acting'],
    ['免去张三的市财政局局长职务。', 'remove', 'remove'],
    ['免去张三同志市财政局局长职务。', 'remove', 'remove'],
    ['免去张三同志的市财政局局长职务。', 'remove', 'remove'],
    ['接受张三辞去市财政局局长职务的请求。', 'remove', 'resign'],
    ['同意张三辞去市财政局局长职务。', 'remove', 'resign'],
    ['撤销张三的市财政局局长职务。', 'remove', 'dismiss'],
    ['张三不再担任市财政局局长职务。', 'remove', 'remove'],
  ])('%s', (text, action, method) => {
    expect(brief(text)).toEqual([['张三', action, method, '市财政局局长', []]]);
  });

  it('gives one record per person when several share a post', () => {
    expect(brief('任命张三、李四为市财政局副局长。')).toEqual([
      ['张三', 'appoint', 'appoint', '市财政局副局长', []],
      ['李四', 'appoint', 'appoint', '市财政局副局长', []],
    ]);
    expect(brief('免去张三、李四的市财政局副局长职务。').map((r) => r[0])).toEqual(['张三', '李四']);
  });

  it('gives one record per post when one person takes several', () => {
    const posts = ['市财政局局长', '市国有资产监督管理委员会主任'];
    expect(brief('任命张三为市财政局局长、市国有资产监督管理委员会主任。').map((r) => r[3])).toEqual(posts);
    expect(brief('任命张三为市财政局局长，兼任市国有资产监督管理委员会主任。').map((r) => r[3])).toEqual(posts);
    expect(brief('免去张三同志的市财政局局长、市国有资产监督管理委员会主任职务。')).toEqual(
      posts.map((post) => ['张三', 'remove', 'remove', post, []]),
    );
  });

  it('does not split a post at a 、 inside its name', () => {
    expect(brief('任命张三为市发展和改革委员会（市粮食和物资储备局）副主任。').map((r) => r[3])).toEqual([
      '市发展和改革委员会（市粮食和物资储备局）副主任',
    ]);
    expect(brief('任命张三为市委、市政府督查室主任。').map((r) => r[3])).toEqual(['市委、市政府督查室主任']);
    expect(brief('任命张三为县（市、区）联络处主任。').map((r) => r[3])).toEqual(['县（市、区）联络处主任']);
  });

  it('resolves 其 to the person of the entry before', () => {
    const records = extract('任命张三为市财政局局长，免去其市审计局局长职务。');
    expect(records.map((r) => [r.person, r.action, r.position])).toEqual([
      ['张三', 'appoint', '市财政局局长'],
      ['张三', 'remove', '市审计局局长'],
    ]);
  });

  it('skips a 为 inside a name', () => {
    expect(brief('任命李为民为市财政局局长。')).toEqual([['李为民', 'appoint', 'appoint', '市财政局局长', []]]);
  });

  it('joins letter-spaced names and posts wrapped anywhere', () => {
    expect(brief('任命：\n冯 峰为方山生态文化旅游示范区管\n委会副主任（试用\n期一年）；')).toEqual([
      ['冯峰', 'appoint', 'appoint', '方山生态文化旅游示范区管委会副主任', ['试用期一年']],
    ]);
  });
});

describe('extractAppointments: conditions and remarks', () => {
  it('puts 到龄退休 in qualifiers and the pension remark in notes', () => {
    const [record] = extract(
      '决定免去：\n王五的市医疗保险管理服务中心主\n任职务，到龄退休，退休待遇从 2023 年 4\n月起执行；',
    );
    expect(record.position).toBe('市医疗保险管理服务中心主任');
    expect(record.qualifiers).toEqual(['到龄退休']);
    expect(record.notes).toEqual(['退休待遇从2023年4月起执行']);
  });

  it.each([
    ['张三为市财政局副局长（挂职两年）；', ['挂职两年']],
    ['张三为市财政局副局长（兼职）；', ['兼职']],
    ['张三为市财政局副局长，试用期一年；', ['试用期一年']],
    ['张三为市财政局副局长(试用期一年)；', ['试用期一年']],
    ['张三为市财政局副局长（正处级）；', ['正处级']],
    ['张三为市财政局副局长（主持工作）；', ['主持工作']],
  ])('%s', (entry, qualifiers) => {
    expect(brief(`任命：\n${entry}`)).toEqual([['张三', 'appoint', 'appoint', '市财政局副局长', qualifiers]]);
  });

  it('keeps a bracket that is part of the post', () => {
    expect(brief('免去：\n武丽云的市工业产业发展中心（市工业技术研究所）主任（所长）职务。')[0][3]).toBe(
      '市工业产业发展中心（市工业技术研究所）主任（所长）',
    );
  });

  it('applies a condition after several people to each of them', () => {
    expect(brief('任命张三、李四为市财政局副局长，试用期一年。').map((r) => r[4])).toEqual([
      ['试用期一年'],
      ['试用期一年'],
    ]);
  });
});

describe('extractAppointments: meeting, document and signature', () => {
  it('reads the meeting and resolves its date against the gazette year', () => {
    const [record] = extract(
      '经11月24日市人民政府党组会议研究，决定任命：\n李建忠同志为市人民政府国防动员办公室主任。',
    );
    expect(record).toEqual({
      doc_number: '某政任〔2023〕1号',
      person: '李建忠',
      action: 'appoint',
      method: 'appoint',
      position: '市人民政府国防动员办公室主任',
      qualifiers: [],
      notes: [],
      meeting: '市人民政府党组会议',
      meeting_date: '2023-11-24',
      signed_on: '2023-04-22',
      confidence: 0.95,
      reasons: [],
    });
  });

  it('names a numbered 常务会议 without a date', () => {
    const [record] = extract('经市人民政府第15次常务会议研究决定，任命张三为市财政局局长。');
    expect([record.meeting, record.meeting_date]).toEqual(['市人民政府第15次常务会议', null]);
  });

  it('takes the year from the signing date when the gazette year is unknown', () => {
    const [record] = extract('经3月2日市人民政府常务会议研究，任命张三为市财政局局长。', {
      docNumber: null,
      signedOn: '2022-03-05',
      year: null,
    });
    expect(record.meeting_date).toBe('2022-03-02');
  });

  it('applies a meeting named after the entries to all of them', () => {
    const records = extract(
      '任命张三为市财政局局长；免去李四的市财政局局长职务。以上任免经市人民政府常务会议研究决定。',
    );
    expect(records.map((r) => r.meeting)).toEqual(['市人民政府常务会议', '市人民政府常务会议']);
  });

  it('drops the signature, the publicity note and the 抄送 line', () => {
    const text = `免去：\n王五的市财政局副局长职务。\n${SIGNATURE}\n抄送：市委各部门，市人大常委会办公室，\n市政协办公室。`;
    expect(brief(text)).toEqual([['王五', 'remove', 'remove', '市财政局副局长', []]]);
  });

  it('cuts the issuer off a last entry printed without its full stop', () => {
    expect(brief('免去：\n王五的市财政局副局长职务\n某某市人民政府\n2023年4月22日').map((r) => r[3])).toEqual([
      '市财政局副局长',
    ]);
    expect(brief('任命：\n张三为市财政局副局长\n某某市人民政府\n2023年4月22日').map((r) => r[3])).toEqual([
      '市财政局副局长',
    ]);
  });
});

describe('extractAppointments: uncertain entries', () => {
  it('guesses the boundary of a removal printed without 的 or 同志, and says so', () => {
    const [record] = extract('免去：\n张三市财政局局长职务。');
    expect([record.person, record.position]).toEqual(['张三', '市财政局局长']);
    expect(record.confidence).toBeLessThan(0.8);
    expect(record.reasons).toEqual(
      expect.arrayContaining([
        expect.stringContaining('unknown appointment phrasing'),
        'person/position boundary guessed',
      ]),
    );
  });

  it('flags a name whose surname it does not know', () => {
    const [record] = extract('任命：\n买买提为市民族宗教事务局副局长。');
    expect(record.person).toBe('买买提');
    expect(record.confidence).toBeLessThan(0.8);
    expect(record.reasons[0]).toContain('person not recognised as a name');
  });

  it('splits a table laid out "name post" per row, flagged as guessed', () => {
    const records = extract('任命：\n张三 市财政局局长\n李四 市商务局局长');
    expect(records.map((r) => [r.person, r.position])).toEqual([
      ['张三', '市财政局局长'],
      ['李四', '市商务局局长'],
    ]);
    expect(records.every((r) => r.confidence < 0.8 && r.reasons.length > 0)).toBe(true);
  });

  it('flags only the post that names no organisation', () => {
    const records = extract('任命张三为市财政局党组书记、局长。');
    expect(records.map((r) => [r.position, r.confidence])).toEqual([
      ['市财政局党组书记', 0.95],
      ['局长', 0.75],
    ]);
    expect(records[1].reasons).toEqual(['position names no organisation: 局长']);
  });

  it('accepts a transcribed name without a Han surname', () => {
    const [record] = extract('任命阿不都·热合曼为市民族宗教事务局副局长。');
    expect([record.person, record.confidence]).toEqual(['阿不都·热合曼', 0.95]);
  });

  it('flags a post without a title', () => {
    const [record] = extract('任命：\n张三为市财政局。');
    expect(record.confidence).toBeLessThan(0.8);
    expect(record.reasons[0]).toContain('position guessed');
  });
});

describe('extractAppointments: not appointments', () => {
  it('gives nothing for a leading-group member list', () => {
    const text = [
      '中阳县第五次全国经济普查领导小组组成人员名单',
      '组 长：张潞萍 副市长',
      '副组长：王 五 市政府副秘书长',
      '成 员：李四 市财政局局长',
      '赵六 市商务局局长',
      '领导小组下设办公室，办公室主任由 高奇平同志兼任。',
    ].join('\n');
    expect(extract(text)).toEqual([]);
  });

  it('gives nothing for rule text about 干部任免', () => {
    const text = [
      '第六条 重要干部任免事项包括：',
      '(一) 研究按照干部管理权限和《党政领导干部选拔任用工作条例》等规定，需由县人民政府向人大常委会提请的任免干部事项；',
      '(二) 研究按规定需由县人民政府任免和提名干部的事项；',
      '(五) 聘用。公示期满后，对没有问题的，村委与其签订聘用协议。',
      '第七条 对最高管理者、技术负责人等关键岗位人员进行任命，做到职责分明。',
    ].join('\n');
    expect(extract(text)).toEqual([]);
  });

  it('gives nothing for prose that merely contains 为 or 任', () => {
    const text = '以张三为组长成立工作专班。明确任务书、时间表和责任人。成为全省示范县。全市为民服务中心主任会议。';
    expect(extract(text)).toEqual([]);
  });

  it('gives nothing for an empty body', () => {
    expect(extract('')).toEqual([]);
    expect(extract(SIGNATURE)).toEqual([]);
  });
});

describe('extractAppointments: invariants', () => {
  const fragments = [
    '任命',
    '免去',
    '决定',
    '：',
    '；',
    '。',
    '，',
    '、',
    '张三',
    '李为民',
    '同志',
    '为',
    '的',
    '其',
    '市财政局局长',
    '职务',
    '（试用期一年）',
    '（市、区）',
    '到龄退休',
    '接受',
    '辞去',
    '请求',
    '代理',
    '2023年4月22日',
    '\n',
    ' ',
  ];

  it('never throws and keeps confidence, reasons and fields well-formed', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 40 }), (pieces) => {
        for (const r of extract(pieces.join(''))) {
          expect(r.confidence).toBeGreaterThanOrEqual(0);
          expect(r.confidence).toBeLessThanOrEqual(1);
          if (r.confidence < 0.8) expect(r.reasons.length).toBeGreaterThan(0);
          expect(r.person).toMatch(/^\S+$/);
          expect(r.person).not.toContain('同志');
          expect(r.position.length).toBeGreaterThan(0);
          expect(r.position).not.toMatch(/\s|职务$|^[为的]/);
        }
      }),
    );
  });

  it('runs in time linear in the length of the notice', () => {
    const entries = (n: number): string =>
      '任命：' + '张三为市财政局副局长（试用期一年）；'.repeat(n) + '免去：' + '李四的市财政局局长职务；'.repeat(n);
    const time = (text: string): number => {
      const start = performance.now();
      extract(text);
      return performance.now() - start;
    };
    time(entries(200)); // warm-up
    const small = time(entries(500));
    const large = time(entries(5000));
    expect(extract(entries(5000))).toHaveLength(10000);
    // Ten times the text may take up to thirty times as long: quadratic work would take a hundred.
    expect(large).toBeLessThan(Math.max(30 * small, 200));
  });

  it('does not depend on where lines are wrapped', () => {
    const text =
      '经研究，决定任命：张三为市财政局副局长（试用期一年）；李四为市商务局局长。决定免去：王五的市医疗保险管理服务中心主任职务，到龄退休，退休待遇从2023年4月起执行。';
    const expected = extract(text);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: text.length - 1 })), (cuts) => {
        const sorted = [...cuts].sort((a, b) => a - b);
        const wrapped = sorted.reduceRight((t, at) => `${t.slice(0, at)}\n${t.slice(at)}`, text);
        expect(extract(wrapped)).toEqual(expected);
      }),
    );
  });
});
