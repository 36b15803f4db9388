import { normaliseGazette } from '../normalise/gazette-normaliser';
import { normaliseLineText, squash } from '../normalise/char-normaliser';
import { findSignature } from './signature.detector';

/** The first signature in normalised lines, searched over all of them unless told. */
function signatureOf(lines: string[], from = 0, to = lines.length - 1) {
  const raw = lines.map(normaliseLineText);
  return findSignature(raw, raw.map(squash), from, to);
}

describe('findSignature', () => {
  it('reads issuer, date and publicity note (lvliang-2023 lines 28-34)', () => {
    expect(
      signatureOf([
        '四、请你单位尽快到土地登记机关办理国有建设用地的使用权注销登记。',
        '吕梁市人民政府',
        '2023 年 4 月 18 日',
        '（此件公开发布）',
      ]),
    ).toEqual({
      start: 1,
      dateIndex: 2,
      end: 3,
      signedOn: '2023-04-18',
      issuers: ['吕梁市人民政府'],
      publicity: '此件公开发布',
    });
  });

  it('reads joint issuers one per line, in order (linfen-2022-11-12 lines 1501-1505)', () => {
    expect(signatureOf(['正文。', '临汾市应急管理局', '临汾市地方煤矿安全监督管理局', '2022年10月27日'])).toMatchObject(
      {
        start: 1,
        dateIndex: 3,
        issuers: ['临汾市应急管理局', '临汾市地方煤矿安全监督管理局'],
        signedOn: '2022-10-27',
        publicity: null,
      },
    );
  });

  it('reads joint issuers side by side', () => {
    expect(signatureOf(['正文。', '中共吕梁市委办公室   吕梁市人民政府办公室', '2023年4月18日'])?.issuers).toEqual([
      '中共吕梁市委办公室',
      '吕梁市人民政府办公室',
    ]);
  });

  it('reads issuers and date on one line', () => {
    expect(signatureOf(['正文。', '吕梁市人民政府       2023 年 4 月 18 日'])).toEqual({
      start: 1,
      dateIndex: 1,
      end: 1,
      signedOn: '2023-04-18',
      issuers: ['吕梁市人民政府'],
      publicity: null,
    });
    expect(signatureOf(['正文。', '临汾市应急管理局 临汾市地方煤矿安全监督管理局   2022年10月27日'])?.issuers).toEqual([
      '临汾市应急管理局',
      '临汾市地方煤矿安全监督管理局',
    ]);
  });

  it('reads an issuer and a Chinese-numeral date on one line', () => {
    expect(signatureOf(['正文。', '吕梁市人民政府 二〇二三年四月十八日'])).toEqual({
      start: 1,
      dateIndex: 1,
      end: 1,
      signedOn: '2023-04-18',
      issuers: ['吕梁市人民政府'],
      publicity: null,
    });
  });

  it('reads issuers and a digit date set off by one space, which normalising removes', () => {
    expect(
      signatureOf(['正文。', normaliseLineText('临汾市应急管理局 临汾市地方煤矿安全监督管理局 2022年10月27日')]),
    ).toMatchObject({ issuers: ['临汾市应急管理局', '临汾市地方煤矿安全监督管理局'], signedOn: '2022-10-27' });
  });

  it('reads a date in Chinese numerals', () => {
    expect(signatureOf(['正文。', '吕梁市人民政府', '二〇二三年四月十八日'])?.signedOn).toBe('2023-04-18');
  });

  it('steps over up to two attachment items between issuer and date', () => {
    expect(signatureOf(['附件：1.方案', '中阳县人民政府办公室', '2.计划', '2023年6月14日'])).toMatchObject({
      start: 1,
      issuers: ['中阳县人民政府办公室'],
      signedOn: '2023-06-14',
    });
    expect(signatureOf(['中阳县人民政府办公室', '附件：1.方案', '2.计划', '2023年6月14日'])?.issuers).toEqual([
      '中阳县人民政府办公室',
    ]);
  });

  it('does not step over three attachment items', () => {
    expect(
      signatureOf(['正文。', '吕梁市人民政府', '附件：1.方案', '2.计划', '3.名单', '2023年4月18日'])?.issuers,
    ).toEqual([]);
  });

  it('reads the signature interleaved with a two-column attachment list (zhongyang-2023-2 lines 4366-4380)', () => {
    const text = [
      '附件：1. 关于县十七届人大四次会议 办理落实情况统计表',
      '建议的答复',
      '',
      '2. 关于政协中阳县十届三次会议提',
      '案的答复',
      '',
      '中阳县人民政府办公室',
      '',
      '3. 关于建议（提案）会办意见的函',
      '',
      '2023年6月14日',
      '',
      '4. 建议（提案）办理征询意见函',
      '',
      '（此件公开发布）',
    ].join('\n');
    const lines = normaliseGazette(text).lines.map((l) => l.text);
    expect(signatureOf(lines)).toMatchObject({
      issuers: ['中阳县人民政府办公室'],
      signedOn: '2023-06-14',
      publicity: '此件公开发布',
    });
  });

  it('uses a date without issuer only when no named signature follows', () => {
    expect(signatureOf(['正文。', '2023年4月18日'])).toEqual({
      start: 1,
      dateIndex: 1,
      end: 1,
      signedOn: '2023-04-18',
      issuers: [],
      publicity: null,
    });
    expect(signatureOf(['正文。', '2023年4月18日', '吕梁市人民政府', '2023年4月19日'])).toMatchObject({
      start: 2,
      dateIndex: 3,
      signedOn: '2023-04-19',
      issuers: ['吕梁市人民政府'],
    });
  });

  it('gives the first named signature of several', () => {
    expect(signatureOf(['正文。', '吕梁市人民政府', '2023年4月18日', '吕梁市财政局', '2023年4月19日'])?.signedOn).toBe(
      '2023-04-18',
    );
  });

  it('does not take a date inside a sentence', () => {
    expect(signatureOf(['各县人民政府：', '2023年4月18日前完成。', '吕梁市人民政府', '2023年4月20日'])?.signedOn).toBe(
      '2023-04-20',
    );
    expect(signatureOf(['请于2023年4月18日前报送。'])).toBeNull();
  });

  it('does not read 印发 dates of the 版记 as a signature', () => {
    expect(signatureOf(['正文。', '吕梁市人民政府办公室', '2023年4月18日印发'])).toBeNull();
  });

  it('looks for issuers only from `from` and for dates only up to `to`', () => {
    expect(signatureOf(['吕梁市人民政府', '2023年4月18日'], 1, 1)?.issuers).toEqual([]);
    expect(signatureOf(['吕梁市人民政府', '2023年4月18日'], 0, 0)).toBeNull();
  });

  it('looks for the publicity note within three lines of the date', () => {
    expect(signatureOf(['吕梁市人民政府', '2023年4月18日', '甲', '乙', '（此件公开发布）'])?.publicity).toBe(
      '此件公开发布',
    );
    expect(signatureOf(['吕梁市人民政府', '2023年4月18日', '甲', '乙', '丙', '（此件公开发布）'])).toMatchObject({
      end: 1,
      publicity: null,
    });
  });

  it('finds nothing without a date', () => {
    expect(signatureOf(['正文。', '吕梁市人民政府'])).toBeNull();
  });
});
