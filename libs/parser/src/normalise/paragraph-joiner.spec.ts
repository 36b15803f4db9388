import { joinParagraphs } from './paragraph-joiner';

const FULL = '为进一步加强全市安全生产工作根据有关规定结合'; // 23 characters, no closing mark

describe('joinParagraphs', () => {
  it('returns nothing for no lines', () => {
    expect(joinParagraphs([])).toEqual([]);
  });

  it('joins a line that reached the usual width and ended mid-sentence with the next', () => {
    expect(
      joinParagraphs([
        '一、总体要求',
        '为进一步加强全市安全生产工作，根据有关规定，结',
        '合我市实际，制定本方案。',
        '二、工作目标',
      ]),
    ).toEqual([
      '一、总体要求',
      '为进一步加强全市安全生产工作，根据有关规定，结合我市实际，制定本方案。',
      '二、工作目标',
    ]);
  });

  it('joins a paragraph wrapped over several full lines', () => {
    expect(joinParagraphs([FULL, FULL, FULL, '我市实际制定本方案。'])).toEqual([
      `${FULL}${FULL}${FULL}我市实际制定本方案。`,
    ]);
  });

  it.each([['。'], ['；'], [';'], ['！'], ['？'], ['：'], [':']])(
    'does not join after a full line ending in %s',
    (mark) => {
      const full = FULL.slice(0, -1) + mark;
      expect(joinParagraphs([full, full, '下一段。'])).toEqual([full, full, '下一段。']);
    },
  );

  it('joins after a clause mark (，、), which does not end a sentence', () => {
    const comma = FULL.slice(0, -1) + '，';
    const enumeration = FULL.slice(0, -1) + '、';
    expect(joinParagraphs([comma, enumeration, '继续。'])).toEqual([`${comma}${enumeration}继续。`]);
  });

  it('keeps short lines (headings, list items, last lines) where they stand', () => {
    const lines = [FULL, FULL + '。', '二、工作目标', '（一）总体目标', FULL, '三'];
    expect(joinParagraphs(lines)).toEqual([FULL + FULL + '。', '二、工作目标', '（一）总体目标', FULL + '三']);
  });

  it('joins nothing when the text is narrower than a wrap width', () => {
    expect(joinParagraphs(['短', '短行', '三个字'])).toEqual(['短', '短行', '三个字']);
  });

  it('puts a space between Latin words wrapped apart', () => {
    expect(joinParagraphs(['ABCDEFGHIJ', 'KLMNOPQRST', 'UVW.'])).toEqual(['ABCDEFGHIJ KLMNOPQRST UVW.']);
  });

  it('puts no space between CJK and Latin or digits wrapped apart', () => {
    expect(joinParagraphs([FULL, FULL, '2023年完成。'])).toEqual([`${FULL}${FULL}2023年完成。`]);
    const gb = '按照国家标准执行相关要求执行的标准编号为GB'; // 22 characters, ending in Latin
    expect(joinParagraphs([gb, FULL, '标准。'])).toEqual([`${gb}${FULL}标准。`]);
  });

  it('takes the longest line as the width of fewer than five lines', () => {
    // 17 characters against a width of 23: short of 80%, so the line ends where it stands.
    expect(joinParagraphs(['按照国家标准执行相关要求编号为GB', FULL, '标准。'])).toEqual([
      '按照国家标准执行相关要求编号为GB',
      `${FULL}标准。`,
    ]);
  });

  it('joins a two-line paragraph (lvliang-2023 lines 6837-6839)', () => {
    expect(
      joinParagraphs(['《吕梁市突发重大动物疫情应急预案》已经市政府同意，现印发给你们，请认真贯', '彻落实。']),
    ).toEqual(['《吕梁市突发重大动物疫情应急预案》已经市政府同意，现印发给你们，请认真贯彻落实。']);
  });

  it('does not split a number wrapped across lines', () => {
    expect(joinParagraphs(['到2025年全市地区生产总值预计在现有基础上增长到1', '200亿元左右。'])).toEqual([
      '到2025年全市地区生产总值预计在现有基础上增长到1200亿元左右。',
    ]);
  });
});
