import { isOrganisationName, matchOrganisationLine } from './organisation.pattern';

describe('isOrganisationName', () => {
  it.each([
    ['吕梁市人民政府'],
    ['吕梁市人民政府办公室'],
    ['山西省人民政府办公厅'],
    ['临汾市应急管理局'],
    ['临汾市地方煤矿安全监督管理局'],
    ['吕梁经济技术开发区管理委员会'],
    ['临汾经济开发区管委会'],
    ['中共吕梁市委'],
    ['吕梁市住房和城乡建设局'],
    ['吕梁市中级人民法院'],
    ['吕梁市人民检察院'],
    ['国家税务总局吕梁市税务局'],
    ['共青团吕梁市委员会'],
    ['吕梁市总工会'],
    ['吕梁市消防救援支队'],
    ['中阳县宁乡镇人民政府'],
    ['汾阳市妇幼保健计划生育服务中心'],
    ['市委组织部'],
    ['吕梁市政府办'],
  ])('%s is an organisation', (name) => {
    expect(isOrganisationName(name)).toBe(true);
  });

  it.each([
    ['局', 'a bare suffix'],
    ['市政府', 'nothing before 政府 but one character'],
    ['张勇', 'a person'],
    ['吕梁市统计局，', 'trailing punctuation'],
    ['关于成立领导小组办公室', '关于'],
    ['印发领导小组办公室', '印发'],
    ['市政府办公室关于做好工作的通知', 'a title'],
    ['附件办公室', '附件'],
    ['一、领导小组办公室', 'a numbered heading'],
    ['（一）工作领导小组', 'a bracket-numbered heading'],
    ['(1)工作领导小组', 'an ASCII-bracket-numbered heading'],
    ['吕梁市人民政府 2023年4月18日', 'a date after the name'],
    ['吕梁市XX局', 'Latin letters'],
    ['吕梁市人民政府公报', 'no organisation suffix'],
    [`${'吕'.repeat(40)}局`, 'longer than 40 characters'],
  ])('%s is not an organisation (%s)', (name) => {
    expect(isOrganisationName(name)).toBe(false);
  });

  it.each([['中国人民银行吕梁市中心支行'], ['中国农业银行吕梁分行']])(
    'takes the bank branch %s as an organisation',
    (name) => {
      expect(isOrganisationName(name)).toBe(true);
    },
  );
});

describe('matchOrganisationLine', () => {
  it('gives each name of a line of joint issuers separated by spaces (linfen-2022-11-12)', () => {
    expect(matchOrganisationLine('临汾市应急管理局 临汾市地方煤矿安全监督管理局')).toEqual([
      '临汾市应急管理局',
      '临汾市地方煤矿安全监督管理局',
    ]);
    expect(matchOrganisationLine('中共吕梁市委办公室   吕梁市人民政府办公室')).toEqual([
      '中共吕梁市委办公室',
      '吕梁市人民政府办公室',
    ]);
  });

  it('joins a name split by spaces into one', () => {
    expect(matchOrganisationLine('吕梁市 人民政府')).toEqual(['吕梁市人民政府']);
    expect(matchOrganisationLine(' 吕梁市人民政府 ')).toEqual(['吕梁市人民政府']);
  });

  it.each([['吕梁市财政局 负责'], ['吕梁市人民政府 2023年4月18日'], ['各县（市、区）人民政府，'], [''], ['   ']])(
    'gives null for %p',
    (line) => {
      expect(matchOrganisationLine(line)).toBeNull();
    },
  );
});
