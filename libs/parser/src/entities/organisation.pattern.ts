import type { Entity } from '../model/gazette.model';
import { isHanCode, isSpaceCode, squash } from './char-class';
import {
  fullOrganisationName,
  isShortForm,
  type RegionNames,
  startsWithKnownPlace,
  startsWithNamedPlace,
  startsWithPlace,
} from './region.resolver';

/**
 * Organisation names, found from their suffix (局, 委员会, 有限公司…) and bounded on the left by
 * scanning back to the nearest clause boundary or prose word. Chinese has no word breaks, so the
 * left edge is the hard part; the rules trade recall for names that stop where they should:
 *  - enterprise suffixes (公司, 集团, 银行…) stand on their own: firms have proper names;
 *  - institutions (医院, 学校…) need a place at the start ("汾阳市人民医院"), a zone
 *    ("…开发区管委会") or a list position, since "公立医院" is a kind, not a body;
 *  - government suffixes (局, 委, 办, 部…) need a place at the start ("市财政局", "吕梁市…",
 *    "国家…") or a list position ("…、统计局、…");
 *  - 政府, 委员会, 办公室, 中心, 处, 所, 站… need a place at the start;
 *  - chained names are joined ("吕梁市生态环境局汾阳分局", "市委宣传部").
 */

type SuffixKind = 'standalone' | 'enterprise' | 'institution' | 'government' | 'body' | 'generic' | 'administration';

interface SuffixRule {
  literal: string;
  kind: SuffixKind;
  /** Lookahead that keeps a suffix out of ordinary words (局面, 部署, 委托…). */
  guard?: string;
  /** Lookbehind for the same (格局, 干部, 举办…). */
  before?: string;
}

const RULES: SuffixRule[] = [
  { literal: '国务院', kind: 'standalone' },
  { literal: '中共中央', kind: 'standalone' },
  { literal: '有限责任公司', kind: 'enterprise' },
  { literal: '股份有限公司', kind: 'enterprise' },
  { literal: '有限公司', kind: 'enterprise' },
  { literal: '分公司', kind: 'enterprise' },
  { literal: '总公司', kind: 'enterprise' },
  { literal: '公司', kind: 'enterprise' },
  { literal: '集团', kind: 'enterprise', guard: '(?![化])' },
  { literal: '银行', kind: 'enterprise', guard: '(?![业卡])' },
  { literal: '信用社', kind: 'enterprise' },
  { literal: '合作社', kind: 'enterprise' },
  { literal: '联社', kind: 'enterprise' },
  { literal: '医院', kind: 'institution' },
  { literal: '卫生院', kind: 'institution' },
  { literal: '保健院', kind: 'institution' },
  { literal: '学校', kind: 'institution' },
  { literal: '中学', kind: 'institution', guard: '(?![生])' },
  { literal: '小学', kind: 'institution', guard: '(?![生])' },
  { literal: '大学', kind: 'institution', guard: '(?![生])' },
  { literal: '学院', kind: 'institution' },
  { literal: '幼儿园', kind: 'institution' },
  { literal: '党校', kind: 'institution' },
  { literal: '协会', kind: 'institution' },
  { literal: '联合会', kind: 'institution' },
  { literal: '商会', kind: 'institution' },
  { literal: '基金会', kind: 'institution' },
  { literal: '研究院', kind: 'institution' },
  { literal: '研究所', kind: 'institution' },
  { literal: '设计院', kind: 'institution' },
  { literal: '事务所', kind: 'enterprise' },
  { literal: '出版社', kind: 'enterprise' },
  { literal: '报社', kind: 'enterprise' },
  { literal: '电视台', kind: 'enterprise' },
  { literal: '气象台', kind: 'institution' },
  { literal: '人民法院', kind: 'institution' },
  { literal: '人民检察院', kind: 'institution' },
  { literal: '法院', kind: 'institution' },
  { literal: '检察院', kind: 'institution' },
  { literal: '管委会', kind: 'institution' },
  { literal: '管理委员会', kind: 'institution' },
  { literal: '人民政府', kind: 'administration' },
  { literal: '政府', kind: 'administration', guard: '(?![性])' },
  { literal: '委员会', kind: 'body' },
  { literal: '办公厅', kind: 'government' },
  { literal: '办公室', kind: 'body' },
  { literal: '指挥部', kind: 'body' },
  { literal: '领导小组', kind: 'body' },
  { literal: '中心', kind: 'body', guard: '(?![城区任工思支])' },
  { literal: '支队', kind: 'government', guard: '(?![长])' },
  { literal: '大队', kind: 'government', guard: '(?![长])' },
  { literal: '中队', kind: 'government', guard: '(?![长])' },
  { literal: '总队', kind: 'government', guard: '(?![长])' },
  { literal: '分局', kind: 'government', guard: '(?![长])' },
  { literal: '工会', kind: 'government' },
  { literal: '妇联', kind: 'government' },
  { literal: '残联', kind: 'government' },
  { literal: '侨联', kind: 'government' },
  { literal: '文联', kind: 'government' },
  { literal: '科协', kind: 'government' },
  { literal: '工商联', kind: 'government' },
  { literal: '红十字会', kind: 'government' },
  { literal: '军分区', kind: 'government' },
  { literal: '武装部', kind: 'government', guard: '(?![长])' },
  {
    literal: '局',
    kind: 'government',
    guard: '(?![长面部势限])',
    before: '(?<![格布结大全当开变时战赌饭好新残乱定骗搅出入棋])',
  },
  { literal: '厅', kind: 'government', guard: '(?![长级])', before: '(?<![大客餐展门舞歌])' },
  { literal: '委', kind: 'government', guard: '(?![员托屈婉实])', before: '(?<![常原主])' },
  {
    literal: '办',
    kind: 'government',
    guard: '(?![理法事好学公成结案件班到得起])',
    before: '(?<![举承创督查包主兴开代申协帮合民重严难会首交通公上次快即网掌好可能必马立特新体])',
  },
  {
    literal: '部',
    kind: 'government',
    guard: '(?![分门署位长件队委])',
    before: '(?<![东西南北中内外全局上下前后底顶首腹干俱乐合])',
  },
  { literal: '署', kind: 'government', guard: '(?![长名])', before: '(?<![部签])' },
  { literal: '处', kind: 'generic', guard: '(?![理置罚分长于在境室])' },
  { literal: '科', kind: 'generic', guard: '(?![技学研长室普目])' },
  { literal: '所', kind: 'generic', guard: '(?![有在属以得长需谓涉辖用述列示致])', before: '(?<![场住处厕诊])' },
  { literal: '站', kind: 'generic', guard: '(?![长点位在起])', before: '(?<![网车])' },
  { literal: '院', kind: 'generic', guard: '(?![长士校内落区])', before: '(?<![庭剧影大寺书])' },
  { literal: '馆', kind: 'generic', guard: '(?![长藏])', before: '(?<![宾饭茶会])' },
  { literal: '社', kind: 'generic', guard: '(?![会区长保团])' },
  { literal: '队', kind: 'generic', guard: '(?![长伍员列])', before: '(?<![部团排军乐球])' },
];

const KIND_BY_LITERAL = new Map(RULES.map((r) => [r.literal, r.kind]));

/**
 * Longest literal first, so that at one position 委员会 wins over 委. Guards also look past a
 * line break: "市长办\n公会议" is 办公会议. The "before" guard is checked after the literal
 * ((?<![X])局 as 局(?<![X]局)): every alternative then opens with a literal character, which the
 * regex engine can scan for quickly.
 */
const SUFFIX_RE = new RegExp(
  [...RULES]
    .sort((a, b) => b.literal.length - a.literal.length)
    .map((r) => {
      const before = r.before ? r.before.replace(/\)$/, `${r.literal})`) : '';
      return `${r.literal}${before}${(r.guard ?? '').replace('(?!', '(?!\\n?')}`;
    })
    .join('|'),
  'g',
);

const HAS_SPACE = /[\s\u3000]/;

/** How far back a name may start from its suffix. */
const MAX_BACK = 24;
const MAX_NAME = 32;
/**
 * Two companies in a row are two names ("…有限公司山西…有限公司"); a branch (分公司) or a company
 * of a group ("…集团煤业有限公司") chained onto the name before is one.
 */
const FULL_COMPANY = new Set(['有限责任公司', '股份有限公司', '有限公司', '总公司', '公司', '集团']);
/** Several levels at once ("省市政府", "县市区人民政府") are all such bodies, not one. */
const SEVERAL_LEVELS_RE = /^(?:省市|市县|县市|县乡|省市县|市区县)/;
/** Units and counters printed after a number, before a name may start. */
const UNIT_AFTER_NUMBER = new Set(Array.from('年月日号万亿元个家所项次人名岁'));

/** Longest text between two chained names ("国内安全保卫" in 市公安局国内安全保卫支队). */
const MAX_LINK = 8;
/** A list item such as "、统计局、" is short. */
const MAX_LIST_ITEM = 12;

/**
 * Words after which an organisation name starts: verbs and prepositions that are not themselves
 * found inside names (建设, 发展, 管理, 服务 are, so they are absent). Lookarounds protect names
 * that contain a listed character (经济, 应急, 就业, 为民, 高等…).
 */
const PROSE_RE = new RegExp(
  [
    '关于|根据|依据|按照|参照|对于|通过|经过|收回|交回|变更|注销|同意|批准|授予|表彰|责成|会同|牵头|配合|依托|督促',
    '要求|邀请|报送|报请|上报|提交|转发|印发|下发|发布|公布|通知|告知|联系|协助|负责|支持|鼓励|引导|加强|完善|建立',
    '打造|成立|设立|设在|下设|撤销|组建|成为|作为|属于|担任|兼任|召开|参加|协同|申请|收到|来自|隶属|包括|涉及|以及',
    '或者|其中|分别|共同|积极|主动|及时|全面|深入|持续|切实|认真|进一步|开展|实施|落实|贯彻|执行|推行|组织(?!部)|确定',
    '全市|全县|全区|全省|各级|各类|所有|其他|其它|有关|相关|各|须|需|将|把|对|向|由|在|并|的|了|着|从|往|至|到',
    '于|给|被|让|请|是|以|按|如|凡|均|即|则|且|但|而|或|要(?!素)|应(?!急)|为(?![民老])|经(?![济信营开贸管销纬典])',
    '(?<![高中初])等|就(?!业)|与|和|及|其|暨|纳入|协调(?!办|小组|中心|委)|推进(?!办|中心|委)|指导(?!中心|站|组)',
    '完成|围绕|领会|利用|争取|严禁|禁止|启动|督导|详见|规范|报(?![社刊])|个(?![体人])|[两三四五]级|承担|研究(?![院所会中])',
    '反馈|听取|报告|提请|请示|汇报|呈报|抄送|抄报|所属|直属|归属|提升|整治|开设|满足|压实|形成|发挥|感谢|扶持|授信',
    '新建|改建|扩建|迁建|建成|开工|配齐|转回|每|贵|本(?![溪])|含|确定|依法|督查|检查(?![站院])|考核|评估|审核|审查',
    '联合(?![会社体执])|简称|选择|自主|注入|促进(?![会中局])|保持|健全|同志',
  ].join('|'),
  'g',
);
/** 和 is inside many names (发展和改革委员会): it ends the text before a name only when a place follows. */
const CONJUNCTIONS = new Set(['和']);
/** A name preceded by these stands for all such bodies ("全市各医院"), not one organisation. */
// prettier-ignore
const COLLECTIVE = new Set(['全市', '全县', '全区', '全省', '各级', '各类', '所有', '其他', '其它', '有关', '相关', '各', '两级', '三级', '四级', '五级']);
/** Prefixes that only point at the region ("我市财政局" is 市财政局). */
const DEICTIC_RE = /^[我本该](?=[省市县区])/;

/** Short forms where the level character alone is the body: 市委, 县政府, 县医院. */
const SHORT_BODY_OK = new Set(['委', '政府', '人民政府', '医院', '法院', '检察院', '人民法院', '人民检察院', '党校']);

/** What may follow a list item: punctuation, the end, or a word that ends the item. */
const AFTER_ITEM_RE =
  /^(?:$|[^\p{Script=Han}]|等|和|及|与|负责|牵头|会同|配合|要|按|的|对|在|为|是|将|于|主要|分管|联合|共同)/u;

interface Candidate {
  start: number;
  end: number;
}

/**
 * Where the name starts within [runStart, suffixStart): after the last prose word, as an offset
 * from runStart. The regex runs on the window without layout spaces (a word may be broken by a
 * line break: "依\n托") and one character wider on each side, so that lookarounds see the real
 * neighbours.
 */
function leftCut(
  text: string,
  runStart: number,
  suffixStart: number,
  region: RegionNames,
): { cut: number; collective: boolean } {
  const windowStart = Math.max(0, runStart - 1);
  const windowEnd = Math.min(text.length, suffixStart + 1);
  let window = text.slice(windowStart, windowEnd);
  // origin[k]: index in `text` of window[k]; without spaces (the usual case) it is an offset
  let origin: number[] | null = null;
  if (HAS_SPACE.test(window)) {
    window = '';
    origin = [];
    for (let i = windowStart; i < windowEnd; i++) {
      if (isSpaceCode(text.charCodeAt(i))) continue;
      window += text[i];
      origin.push(i);
    }
  }
  const originOf = (k: number): number => (origin ? origin[k] : windowStart + k);
  let cut = 0;
  let collective = false;
  const first = origin ? origin.findIndex((i) => i >= runStart) : runStart - windowStart;
  if (first < 0) return { cut, collective };
  PROSE_RE.lastIndex = first;
  for (let m = PROSE_RE.exec(window); m !== null; m = PROSE_RE.exec(window)) {
    const after = m.index + m[0].length;
    const afterAt = after < window.length ? originOf(after) : windowEnd;
    if (afterAt > suffixStart) break;
    if (CONJUNCTIONS.has(m[0]) && !startsWithPlace(squash(text.slice(afterAt, suffixStart)), region)) continue;
    cut = afterAt - runStart;
    collective = COLLECTIVE.has(m[0]);
  }
  return { cut, collective };
}

/** A clause boundary before `index`; a line break inside a wrapped phrase ("发\n展改革委") is none. */
function isBoundaryBefore(text: string, index: number): boolean {
  if (index === 0) return true;
  if (text[index - 1] === '\n') return index < 2 || !isHanCode(text.charCodeAt(index - 2));
  return !isHanCode(text.charCodeAt(index - 1));
}

/** A run of name characters ending at `end`, not reaching below `floor`. */
function runStartBefore(text: string, end: number, floor: number): number {
  let i = end;
  while (i > floor && isHanCode(text.charCodeAt(i - 1))) i--;
  return i;
}

/**
 * Where a name broken by a line break ("市规划和自\n然资源局") continues on the line above, or -1.
 * Only a short tail that does not itself open with a place is joined to the line above.
 */
function runStartAcrossBreak(
  text: string,
  runStart: number,
  suffixStart: number,
  floor: number,
  region: RegionNames,
): number {
  if (runStart <= floor + 1 || text[runStart - 1] !== '\n' || suffixStart - runStart > 8) return -1;
  if (startsWithKnownPlace(text.slice(runStart, suffixStart), region)) return -1;
  let i = runStart - 1;
  while (i > floor && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  if (i <= floor || !isHanCode(text.charCodeAt(i - 1))) return -1;
  return runStartBefore(text, i, Math.max(floor, suffixStart - MAX_BACK));
}

/** A hard-wrapped line fills the column; a shorter line ends on purpose (a heading, a list item). */
const MIN_WRAPPED_LINE = 12;

/** Length of the line that ends at the line break `breakAt`, counted up to MIN_WRAPPED_LINE. */
function lineLengthBefore(text: string, breakAt: number): number {
  let n = 0;
  for (let i = breakAt - 1; i >= 0 && text[i] !== '\n' && n < MIN_WRAPPED_LINE; i--) n++;
  return n;
}

interface Evaluated {
  start: number;
  /** The name stands for all bodies of a kind ("全市各医院"): no organisation, and no retry. */
  collective: boolean;
}

/** An item of an enumeration ("…、统计局、…"): short, bounded on both sides, nothing cut off. */
function isListItem(text: string, runStart: number, cut: number, body: string, name: string, end: number): boolean {
  return (
    cut === 0 &&
    isBoundaryBefore(text, runStart) &&
    body.length >= 2 &&
    name.length <= MAX_LIST_ITEM &&
    AFTER_ITEM_RE.test(text.slice(end, end + 2))
  );
}

/** Development zones and parks name their management bodies: "交口经济技术开发区管委会". */
const ZONE_RE = /(?:开发区|示范区|园区|新区|高新区|名胜区|试验区|合作区)$/;

/**
 * A long enterprise or institution name without a place at its start often has prose before the
 * real name ("…收益指山西耀光新能源有限公司"); the name then starts at the first place inside it.
 */
function startAtInnerPlace(name: string, region: RegionNames): number {
  if (name.length <= 10) return 0;
  for (let p = 1; p < name.length - 4; p++) {
    const rest = name.slice(p);
    if (startsWithNamedPlace(rest, region)) return p;
  }
  return 0;
}

/** Index in `text` of the `count`-th non-space character from `from`. */
function advance(text: string, from: number, count: number): number {
  let i = from;
  for (let seen = 0; seen < count; i++) {
    if (!/\s/.test(text[i])) seen++;
  }
  while (/\s/.test(text[i])) i++;
  return i;
}

/** The start of the name whose suffix is [suffixStart, end), given the run start, or null. */
function evaluate(
  text: string,
  runStart: number,
  suffixStart: number,
  end: number,
  kind: SuffixKind,
  suffix: string,
  region: RegionNames,
): Evaluated | null {
  const { cut, collective } = leftCut(text, runStart, suffixStart, region);
  if (collective) return { start: -1, collective };
  let start = runStart + cut;
  // after a number, its unit is not part of a name ("2023年4月18日市人民政府", "500万元注入…")
  if (cut === 0 && runStart > 0 && /[0-9]/.test(text[runStart - 1])) {
    while (start < suffixStart && UNIT_AFTER_NUMBER.has(text[start])) start++;
  }
  const deictic = DEICTIC_RE.exec(text.slice(start, suffixStart));
  if (deictic) start += deictic[0].length;
  const name = squash(text.slice(start, end));
  const body = squash(text.slice(start, suffixStart));
  if (name.length < 2 || name.length > MAX_NAME || SEVERAL_LEVELS_RE.test(name)) return null;

  const placed = startsWithPlace(name, region);
  if (!placed && (kind === 'enterprise' || kind === 'institution')) {
    const inner = startAtInnerPlace(name, region);
    if (inner > 0) return evaluate(text, advance(text, start, inner), suffixStart, end, kind, suffix, region);
  }
  // the run went on past MAX_BACK: no known left edge
  if (cut === 0 && !isBoundaryBefore(text, runStart) && !placed) return null;
  if (isShortForm(name) && body.length === 1 && !SHORT_BODY_OK.has(suffix)) return null;

  let accepted: boolean;
  switch (kind) {
    case 'standalone':
      accepted = true;
      break;
    case 'enterprise':
      accepted = body.length >= 2 || (placed && body.length >= 1);
      break;
    case 'institution':
      // "公立医院", "薄弱学校" are kinds of institution; one institution is named after a place
      accepted =
        (placed && body.length >= 1) ||
        (ZONE_RE.test(body) && body.length >= 4) ||
        isListItem(text, runStart, cut, body, name, end);
      break;
    case 'administration':
      accepted = placed && body.length >= 1;
      break;
    case 'government':
      accepted = (placed && body.length >= 1) || isListItem(text, runStart, cut, body, name, end);
      break;
    case 'body':
      accepted = placed && body.length >= 1;
      break;
    default:
      accepted = placed && body.length >= 2;
  }
  return accepted ? { start, collective } : null;
}

/** Organisations with `value` the full name tied to the region, sorted by start. */
export function findOrganisations(text: string, region: RegionNames): Entity[] {
  const found: Candidate[] = [];
  let previous: Candidate | null = null;

  SUFFIX_RE.lastIndex = 0;
  for (let m = SUFFIX_RE.exec(text); m !== null; m = SUFFIX_RE.exec(text)) {
    const suffixStart = m.index;
    const end = suffixStart + m[0].length;
    const kind = KIND_BY_LITERAL.get(m[0]) ?? 'generic';

    const prevEnd = previous && previous.end <= suffixStart ? previous.end : 0;
    const floor = Math.max(prevEnd, suffixStart - MAX_BACK);
    const runStart = runStartBefore(text, suffixStart, floor);

    // a name chained onto the one just before it (市委 + 宣传部, …环境局 + 汾阳分局), unless the
    // next one opens with its own level character (市委 + 市政府)
    if (
      previous &&
      runStart === previous.end &&
      suffixStart - runStart <= MAX_LINK &&
      end - previous.start <= MAX_NAME
    ) {
      const link = text.slice(runStart, suffixStart);
      const { cut } = leftCut(text, runStart, suffixStart, region);
      const secondCompany =
        FULL_COMPANY.has(m[0]) &&
        (text.slice(previous.start, previous.end).endsWith('公司') ||
          (link.length > 0 && startsWithNamedPlace(link, region)));
      if (cut === 0 && !isShortForm(link + m[0]) && !/[和与及]/.test(link) && !secondCompany) {
        previous.end = end;
        continue;
      }
    }

    // across a line break; a firm's name must then visibly start with a place ("…争取政\n策性银行")
    const joined = runStartAcrossBreak(text, runStart, suffixStart, floor, region);
    let result = joined >= 0 ? evaluate(text, joined, suffixStart, end, kind, m[0], region) : null;
    // an unplaced name joined across a break is trusted only when the line above is a wrapped
    // line of running text, not a short heading ("三、工作要求\n财政局负责…"), and never for firms
    const unplaced = result !== null && !startsWithPlace(squash(text.slice(result.start, end)), region);
    if (unplaced && (kind === 'enterprise' || lineLengthBefore(text, runStart - 1) < MIN_WRAPPED_LINE)) {
      result = null;
    }
    if (!result || result.collective) result = evaluate(text, runStart, suffixStart, end, kind, m[0], region);
    if (!result || result.collective) continue;
    const candidate: Candidate = { start: result.start, end };
    found.push(candidate);
    previous = candidate;
  }

  return found.map((c) => {
    const raw = text.slice(c.start, c.end);
    return { type: 'organisation', text: raw, start: c.start, end: c.end, value: fullOrganisationName(raw, region) };
  });
}
