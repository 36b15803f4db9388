import type { AppointmentAction, AppointmentMethod } from '../model/gazette.model';

/**
 * The vocabulary of personnel notices (人事任免), matched against text with every space and line
 * break removed. Compiled once; the parsers only combine them.
 */

/** What a keyword does to the entries it heads, and to bare entries after it. */
export interface AppointmentMode {
  /** 'mixed' (任免如下) lets each entry's own wording decide between appoint and remove. */
  family: 'appoint' | 'remove' | 'mixed';
  action: AppointmentAction;
  method: AppointmentMethod;
}

export const MODES = {
  appoint: { family: 'appoint', action: 'appoint', method: 'appoint' },
  engage: { family: 'appoint', action: 'appoint', method: 'engage' },
  nominate: { family: 'appoint', action: 'appoint', method: 'nominate' },
  remove: { family: 'remove', action: 'remove', method: 'remove' },
  dismiss: { family: 'remove', action: 'remove', method: 'dismiss' },
  mixed: { family: 'mixed', action: 'appoint', method: 'appoint' },
} as const satisfies Record<string, AppointmentMode>;

/** A keyword heading an entry ("任命张三为…", "免去李四的…"); 接受/同意…辞去 are handled apart. */
export const ENTRY_KEYWORDS: { pattern: RegExp; mode: AppointmentMode }[] = [
  { pattern: /^(?:撤销|撤去)/, mode: MODES.dismiss },
  { pattern: /^(?:免去|免除|解聘)/, mode: MODES.remove },
  { pattern: /^(?:提名|推荐|提请[^为，、]{0,20}?任命)/, mode: MODES.nominate },
  { pattern: /^(?:聘任|聘用|续聘|聘请)/, mode: MODES.engage },
  { pattern: /^(?:任命|任用)/, mode: MODES.appoint },
];

/** 接受…辞去…的请求 / 同意…辞去…职务: a resignation accepted. */
export const RESIGNATION = /^(?:接受|同意)(.+?)(?:同志)?(?:提出的?)?辞去(.+?)(?:的)?(?:辞职)?(?:请求|申请)?$/;

/**
 * The end of a part that announces a list ("决定任命：", "免去以下同志职务：", "现将有关人员任免
 * 如下："); group 1 is the keyword. Text before it is an entry that lost its full stop.
 */
export const LIST_HEADER =
  /(?:决定|研究决定|现将|现|特)?(?:对)?(?:以下|下列|有关)?(?:同志|人员)?(任免|任命|聘任|聘用|续聘|提名|免去|免职|撤销|解聘)(?:以下|下列|如下)?(?:同志|人员)?(?:的)?(?:职务)?(?:事项)?(?:通知)?(?:如下)?$/;

export const HEADER_MODES: Record<string, AppointmentMode> = {
  任免: MODES.mixed,
  任命: MODES.appoint,
  聘任: MODES.engage,
  聘用: MODES.engage,
  续聘: MODES.engage,
  提名: MODES.nominate,
  免去: MODES.remove,
  免职: MODES.remove,
  解聘: MODES.remove,
  撤销: MODES.dismiss,
};

/** Openers that carry no appointment ("经研究，", "现", "决定", "同时"), stripped before parsing. */
export const PREAMBLE = /^(?:经(?:研究|讨论|审议)(?:决定|同意)?)?(?:现(?!将)|特|并|同时|另)?(?:研究)?(?:决定)?/;

/** Item numbers before an entry: "一、", "1.", "（二）". */
export const ENUMERATOR =
  /^(?:[一二三四五六七八九十]{1,3}[、．.]|\d{1,3}[、．.](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[）)])/;

/**
 * The deciding meeting, at the head of a part: "经11月24日市人民政府党组会议研究",
 * "经市人民政府第15次常务会议研究决定", "以上任免经…会议研究决定". Groups: year, month, day, meeting.
 */
export const MEETING =
  /^(?:以上[^经，,]{0,6})?(?:现|并|已)?经(?:(?:((?:19|20)\d{2})年)?(\d{1,2})月(\d{1,2})日)?(?:召开的)?([^，,。；;：:]{2,40}?会议?)(?:研究|讨论|审议|决定|通过|同意)+/;

/** The end of a post: 局长, 主任, 书记, 委员, 会计师, 理事, 负责人… */
export const TITLE_END =
  /(?:长|主任|书记|委员|秘书|主席|经理|师|员|总监|理事|董事|监事|负责人|督学|参事|干事|主编|主管|代表|官|总裁|助理|顾问|政委|指挥|行长|馆长|主任科员)$/;

/** Positions so generic that, printed without a keyword, they are a working group's roles, not posts. */
export const GROUP_ROLE = /^(?:副?组长|成员|联络员|委员|主任|副主任|办公室主任|秘书|召集人)$/;

/** How a post usually begins: the level of government or a national body. */
export const POSITION_START = /^(?:市|县|区|省|州|盟|旗|镇|乡|街道|中共|共青团|中国|国家|全国|自治)/;

/**
 * A condition on the appointment, printed in brackets or after a comma: 试用期一年, 挂职两年, 兼职,
 * 正处级, 保留…待遇, 任期…, 到龄退休, 主持工作. Anything else in brackets is part of the post.
 */
export const QUALIFIER = new RegExp(
  '^(?:' +
    [
      '试用期',
      '试用',
      '见习',
      '挂职',
      '挂任',
      '兼职',
      '兼任?$',
      '任期',
      '聘期',
      '保留',
      '享受',
      '按[^，,]{1,12}(?:待遇|管理)$',
      '主持[^，,]{0,6}工作$',
      '[正副]?[处科县厅局部股乡镇司]级(?:干部|待遇)?$',
      '因',
      '到龄退休',
      '提前退休',
      '退休$',
      '另有任用',
      '另有任职',
      '另行任用',
      '不占[^，,]{0,10}职数',
    ].join('|') +
    ')',
);

/** Qualifiers are short; a longer remark after an entry is a note ("退休待遇从2023年4月起执行"). */
export const QUALIFIER_MAX_LENGTH = 16;

/** A condition glued to the end of a post without a bracket ("副主任试用期一年"). */
export const GLUED_QUALIFIER = /(试用期[一二三四五六七八九十两半\d]{1,3}个?(?:年|月))$/;

/** Parts that begin ordinary prose in a personnel notice, never an entry. */
export const PROSE_START =
  /^(?:以上|上述|其中|其他|其余|各|请|特此|此|望|希望|自|从|本|该|按照|根据|为了|现将|对|由于|因)/;
