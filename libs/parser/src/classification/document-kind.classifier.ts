import type { DocumentCategory, DocumentKind } from '../model/gazette.model';

/**
 * The 文种 ends a 公文 title (GB/T 9704; 党政机关公文处理工作条例 lists 15 kinds) and gazettes add
 * local ones. Longer kinds are tried first so that 承诺函 wins over 函.
 */
const KINDS: [suffix: string, kind: DocumentKind][] = [
  ['承诺函', '承诺函'],
  ['回复函', '复函'],
  ['复函', '复函'],
  ['通知', '通知'],
  ['决定', '决定'],
  ['批复', '批复'],
  ['通告', '通告'],
  ['公告', '公告'],
  ['意见', '意见'],
  ['请示', '请示'],
  ['通报', '通报'],
  ['报告', '报告'],
  ['办法', '办法'],
  ['规定', '规定'],
  ['细则', '细则'],
  ['方案', '方案'],
  ['措施', '措施'],
  ['证明', '证明'],
  ['说明', '说明'],
  ['纪要', '纪要'],
  ['命令', '命令'],
  ['议案', '议案'],
  ['决议', '决议'],
  ['公报', '公报'],
  ['条例', '条例'],
  ['规则', '规则'],
  ['答复', '答复'],
  ['规划', '规划'],
  ['计划', '计划'],
  ['函', '函'],
  ['令', '命令'],
];

/** Trailing remarks after the kind: "（试行）", "(征求意见稿)", "（2023年修订）". */
const TRAILING_REMARK = /[（(][^（()）]{1,20}[)）]$/;

export function documentKind(title: string): DocumentKind | null {
  let t = title.replace(/\s+/g, '');
  for (let i = 0; i < 2 && TRAILING_REMARK.test(t); i++) t = t.replace(TRAILING_REMARK, '');
  for (const [suffix, kind] of KINDS) if (t.endsWith(suffix)) return kind;
  return null;
}

/** True when the squashed text ends as a title does (with a kind). */
export function endsWithKind(text: string): boolean {
  return documentKind(text) != null;
}

/** Appointing or removing people: the subject words close to the kind, and nothing being issued. */
const PERSONNEL_TITLE = /(?:任免|任命|免去|免职|聘任|任职|辞去|辞职|提名)[^《》]{0,12}(?:通知|决定|批复|函|通报)$/;
const ISSUING = /印发|转发|批转|《/;
const REGULATION_KINDS = new Set([
  '办法',
  '规定',
  '细则',
  '条例',
  '规则',
  '措施',
  '意见',
  '通告',
  '公告',
  '命令',
  '决议',
]);
const APPROVAL_KINDS = new Set(['批复', '复函', '答复']);
/** A notice that issues rules or a plan is policy: 关于印发《…办法》的通知. */
const ISSUES_POLICY = /印发|转发|发布|颁布/;
const POLICY_OBJECT =
  /(办法|规定|细则|条例|规则|措施|意见|方案|规划|计划|预案|标准|制度|清单|要点|纲要)(（[^）]*）|\([^)]*\))?》?(的通知)?$/;

export interface CategoryInput {
  title: string;
  kind: DocumentKind | null;
  docNumber: string | null;
  section: string | null;
}

export function documentCategory({ title, kind, docNumber, section }: CategoryInput): DocumentCategory {
  const code = docNumber?.split('〔')[0] ?? '';
  const personnelTitle = PERSONNEL_TITLE.test(title) && !ISSUING.test(title);
  if (personnelTitle || /任$/.test(code) || (section != null && /任免|人事/.test(section))) return 'personnel';
  if (kind && APPROVAL_KINDS.has(kind)) return 'approval';
  if (kind && REGULATION_KINDS.has(kind)) return 'regulation';
  if (section != null && /规范性文件|规章/.test(section)) return 'regulation';
  if (kind === '通知' && ISSUES_POLICY.test(title) && POLICY_OBJECT.test(title)) return 'regulation';
  return 'other';
}
