/**
 * The post words a position ends with. The list is explicit rather than "anything ending in 长":
 * the split decides which part is the organisation, and a guessed split would put part of a
 * name into the title ("…执法队队长" must give 队长, not 执法队队长).
 */
// prettier-ignore
const TITLE_WORDS = [
  '主任', '局长', '馆长', '队长', '支队长', '大队长', '中队长', '理事长', '秘书长', '经理', '总经理',
  '总会计师', '总工程师', '总经济师', '总审计师', '总规划师', '总农艺师', '总畜牧师', '总督学',
  '校长', '院长', '所长', '站长', '处长', '科长', '股长', '庭长', '园长', '台长', '社长', '团长',
  '会长', '行长', '检察长', '审判长', '董事长', '监事长', '书记', '部长', '厅长', '主席', '省长',
  '市长', '县长', '区长', '镇长', '乡长', '委员', '主任委员', '常委', '成员', '调研员', '巡视员',
  '主任科员', '科员', '组长', '组员', '理事', '董事', '监事', '秘书', '总监', '主编', '总编辑',
  '政委', '教导员', '督学', '参事', '干事', '联络员', '负责人', '指挥长', '总指挥',
];

/**
 * What may stand before a post word and still belong to the title: rank (一级调研员), standing
 * (常务副市长, 专职副主席, 第一书记) and the deputy mark.
 */
const TITLE_PREFIX = '(?:[一二三四]级)?(?:常务|专职|执行|第一)?副?';

const byLengthDesc = [...TITLE_WORDS].sort((a, b) => b.length - a.length || a.localeCompare(b));

/**
 * A title at the end of a position. JavaScript takes the leftmost match, which for an anchored
 * suffix is the longest one, so "…支队支队长" gives 支队长 and "…委员会主任委员" gives 主任委员.
 */
const TRAILING_TITLE = new RegExp(`${TITLE_PREFIX}(?:${byLengthDesc.join('|')})$`, 'u');

/** "XX站站长", "XX科副科长": the unit's own character before 长 names the head of any unit type. */
const REPEATED_UNIT_HEAD = /(\p{Script=Han})((?:常务)?副?\1长)$/u;

/** Where the trailing title of `text` starts, or -1 when it ends in no known title. */
export function trailingTitleStart(text: string): number {
  const listed = TRAILING_TITLE.exec(text);
  if (listed) return listed.index;
  const unitHead = REPEATED_UNIT_HEAD.exec(text);
  return unitHead ? unitHead.index + unitHead[1].length : -1;
}

/**
 * Titles a post can have several holders of at once: deputies (副…) and members of a body
 * (委员, 成员, 理事, 调研员…). Appointing one of them says nothing about the others. A post
 * without a recognised title is treated the same way, so that no succession is guessed for it.
 */
const CONCURRENT_TITLE =
  /副|^(?:[一二三四]级)?(?:委员|常委|成员|组员|理事|董事|监事|调研员|巡视员|主任科员|科员|秘书|干事|联络员|参事|督学)$/u;

export function allowsConcurrentHolders(title: string): boolean {
  return title === '' || CONCURRENT_TITLE.test(title);
}
