import { formatDocNumber, matchDocNumberLine, matchOrderNumberLine } from './doc-number.pattern';

describe('formatDocNumber', () => {
  it('writes the year bracket 〔〕 and ends in 号', () => {
    expect(formatDocNumber('临政办发', '2022', '44')).toBe('临政办发〔2022〕44号');
  });
});

describe('matchDocNumberLine', () => {
  it.each([
    ['临政办发〔2022〕44号', '临政办发〔2022〕44号'],
    ['临政办函[2022]38号', '临政办函〔2022〕38号'],
    ['吕政发［2023］4号', '吕政发〔2023〕4号'],
    ['中政办发(2023)14号', '中政办发〔2023〕14号'],
    ['晋政发（2022）11号', '晋政发〔2022〕11号'],
    ['吕政发【2023】4号', '吕政发〔2023〕4号'],
    ['汾政发〔2023〕第18号', '汾政发〔2023〕18号'],
    ['（临政发〔2022〕28号）', '临政发〔2022〕28号'],
    ['(临政发〔2022〕28号)', '临政发〔2022〕28号'],
    ['吕政任〔2023〕5号', '吕政任〔2023〕5号'],
    ['京政发〔1999〕1号', '京政发〔1999〕1号'],
    ['QZF〔2023〕1号', 'QZF〔2023〕1号'],
    ['国办发〔2023〕12345号', '国办发〔2023〕12345号'],
  ])('normalises %s', (line, expected) => {
    expect(matchDocNumberLine(line)).toBe(expected);
  });

  it('accepts the signing date before the number and 签发人 after it (上行文)', () => {
    expect(matchDocNumberLine('2023年4月18日吕政发〔2023〕4号')).toBe('吕政发〔2023〕4号');
    expect(matchDocNumberLine('中政函〔2023〕42号签发人：张三')).toBe('中政函〔2023〕42号');
    expect(matchDocNumberLine('中政函〔2023〕42号签发人:张三')).toBe('中政函〔2023〕42号');
  });

  it.each([
    ['〔2023〕4号', 'no issuer code'],
    ['吕政发〔23〕4号', 'a two-digit year'],
    ['吕政发〔2100〕1号', 'a year outside 1900-2099'],
    ['吕政发〔2023〕4', 'no 号'],
    ['吕政发2023年4号', 'no bracket'],
    ['吕政发{2023}4号', 'braces'],
    ['吕政发〔2023〕4号文', 'text after the number'],
    ['关于吕政发〔2023〕4号的通知', 'a sentence around the number'],
    ['根据《通知》（晋政发〔2022〕11号）精神', 'a citation in prose'],
    ['国办发〔2023〕123456号', 'a six-digit serial'],
    ['市政府常务会议纪要〔2022〕10次', 'a meeting number'],
    ['吕政发〔2023〕4 号', 'a line that was not squashed'],
  ])('rejects %s (%s)', (line) => {
    expect(matchDocNumberLine(line)).toBeNull();
  });

  it.each([
    ['晋政发﹝2023﹞4号', '晋政发〔2023〕4号'],
    ['晋政发〖2023〗4号', '晋政发〔2023〕4号'],
    ['（晋政发﹝2023﹞4号）', '晋政发〔2023〕4号'],
  ])('accepts the small year brackets that many gazettes print: %s', (line, expected) => {
    expect(matchDocNumberLine(line)).toBe(expected);
  });
});

describe('matchOrderNumberLine', () => {
  it.each([
    ['第1号', '第1号'],
    ['第12号', '第12号'],
    ['（第3号）', '第3号'],
    ['(第3号)', '第3号'],
    ['第十二号', '第十二号'],
    ['第一百零五号', '第一百零五号'],
  ])('reads %s', (line, expected) => {
    expect(matchOrderNumberLine(line)).toBe(expected);
  });

  it.each([['第1号令'], ['第1234567号'], ['1号'], ['第1期'], ['吕政发〔2023〕4号']])('rejects %s', (line) => {
    expect(matchOrderNumberLine(line)).toBeNull();
  });
});
