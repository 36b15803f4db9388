import { changedDocumentFields, documentsDiff, type ComparedDocument } from './document-changes.diff';

const G = 'a'.repeat(64);

function document(index: number, overrides: Partial<ComparedDocument> = {}): ComparedDocument {
  return {
    documentId: `${G}:${index}`,
    title: `第${index}号通知`,
    docNumber: `吕政发〔2023〕${index}号`,
    issuers: ['吕梁市人民政府'],
    signedOn: '2023-04-22',
    docType: '通知',
    category: 'other',
    section: null,
    startLine: 10 * index + 1,
    endLine: 10 * index + 9,
    recipients: ['各县（市、区）人民政府'],
    body: '正文',
    attachments: [],
    publicity: null,
    text: '全文',
    confidence: 0.9,
    reasons: ['heading'],
    region: '吕梁市',
    publisher: '吕梁市人民政府',
    ...overrides,
  };
}

describe('documentsDiff', () => {
  it('finds nothing between a parse and itself', () => {
    const parse = [document(0), document(1)];
    expect(
      documentsDiff(
        parse,
        parse.map((d) => ({ ...d, issuers: [...d.issuers] })),
      ),
    ).toEqual({
      added: [],
      removed: [],
      changed: [],
    });
  });

  it('lists a document only the new parse has as added, one it lost as removed', () => {
    expect(documentsDiff([document(0)], [document(0), document(1)])).toEqual({
      added: [{ document_id: `${G}:1`, title: '第1号通知' }],
      removed: [],
      changed: [],
    });
    expect(documentsDiff([document(0), document(1)], [document(0)])).toEqual({
      added: [],
      removed: [{ document_id: `${G}:1`, title: '第1号通知' }],
      changed: [],
    });
  });

  it('lists a document as changed, with its new title, when any stored field differs', () => {
    const diff = documentsDiff([document(0), document(1)], [document(0), document(1, { title: '第1号决定' })]);
    expect(diff.changed).toEqual([{ document_id: `${G}:1`, title: '第1号决定' }]);
    for (const change of [
      { docNumber: null },
      { issuers: ['吕梁市人民政府', '吕梁市财政局'] },
      { signedOn: '2023-04' },
      { docType: '决定' },
      { category: 'personnel' as const },
      { section: '市政府文件' },
      { body: '新正文' },
      { startLine: 2 },
      { confidence: 0.5 },
    ]) {
      expect(changedDocumentFields(document(0), document(0, change))).toEqual(Object.keys(change));
    }
  });

  it('orders each list by index, 10 after 9', () => {
    const after = [document(2), document(10), document(9)];
    expect(documentsDiff([], after).added.map((ref) => ref.document_id)).toEqual([`${G}:2`, `${G}:9`, `${G}:10`]);
  });
});
