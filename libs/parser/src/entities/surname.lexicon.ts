/**
 * Common Chinese surnames. A personal name is only accepted where the text makes it evident (同志,
 * 任命…为, a list row); the surname check is what keeps words such as "附件" or "负责" out of
 * those slots.
 */

const SINGLE =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤' +
  '常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由';

// prettier-ignore
const COMPOUND = [
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '司徒', '夏侯',
  '轩辕', '端木', '西门', '南宫', '独孤', '钟离', '呼延', '澹台', '公羊', '万俟', '闻人', '赫连', '申屠', '太史',
];

const SINGLE_SET = new Set(Array.from(SINGLE));
const COMPOUND_SET = new Set(COMPOUND);

/** Two-character words that fill a name slot in running text but are never names. */
// prettier-ignore
const NOT_NAMES = new Set([
  '负责', '领导', '干部', '主要', '分管', '主管', '有关', '相关', '全体', '广大', '其他', '各位', '本人', '群众',
  '职工', '人员', '党员', '代表', '成员', '同志', '原则', '其中', '以上', '以下', '安全', '工作', '单位', '部门',
  '地区', '社会', '政府', '方案', '计划', '办法', '项目', '资金', '文件', '通知', '附件', '目录', '公报', '时间',
  '地点', '联系', '电话', '主任', '局长', '市长', '县长', '书记', '组长', '成立', '任命', '免去', '决定', '同意',
  '任免', '职务', '国家', '全国', '全市', '全县', '各级', '今后', '以后', '此前', '目前', '当前', '明确', '要求',
]);

/** Characters that end a name slot badly: a name never ends in a function word or a suffix of a post. */
const BAD_LAST_CHARS = new Set(
  Array.from('的了和与及或并是为在对由将把从于等各该其此长员记任市县区省镇乡局委办厅处科'),
);

export function startsWithSurname(name: string): boolean {
  return COMPOUND_SET.has(name.slice(0, 2)) || SINGLE_SET.has(name[0]);
}

/**
 * Whether a 2–4 character string can be a personal name: a surname, a one- or two-character given
 * name (four characters only with a compound surname), and not a common word.
 */
export function isPlausibleName(name: string): boolean {
  const n = name.length;
  if (n < 2 || n > 4) return false;
  const compound = COMPOUND_SET.has(name.slice(0, 2));
  if (n === 4 && !compound) return false;
  if (!compound && !SINGLE_SET.has(name[0])) return false;
  if (BAD_LAST_CHARS.has(name[n - 1])) return false;
  if (NOT_NAMES.has(name) || NOT_NAMES.has(name.slice(-2)) || NOT_NAMES.has(name.slice(0, 2))) return false;
  return true;
}
