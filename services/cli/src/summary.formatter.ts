import type { GazetteParse } from '@gazette-watch/parser';

/** A readable table of one parse for the terminal; CJK characters take two columns. */

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

function fit(text: string, width: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = WIDE.test(ch) ? 2 : 1;
    if (used + w > width - (displayWidth(text) > width ? 1 : 0)) {
      out += '…';
      used += 1;
      break;
    }
    out += ch;
    used += w;
  }
  return out + ' '.repeat(Math.max(0, width - used));
}

function table(headers: string[], widths: number[], rows: string[][]): string[] {
  const line = (cells: string[]) =>
    cells
      .map((c, i) => fit(c, widths[i]))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

export function formatSummary(file: string, result: GazetteParse): string {
  const g = result.gazette;
  const out: string[] = [];
  out.push(`${file}`);
  out.push(
    `  ${g.publisher ?? '(publisher unknown)'} · ${g.year ?? '?'} 第${g.issue ?? '?'}期` +
      (g.total_issue != null ? ` (总第${g.total_issue}期)` : '') +
      (g.published_on ? ` · 出版 ${g.published_on}` : '') +
      (result.encoding ? ` · ${result.encoding}` : ''),
  );
  const byKind = new Map<string, number>();
  for (const d of result.documents) byKind.set(d.doc_type ?? '?', (byKind.get(d.doc_type ?? '?') ?? 0) + 1);
  out.push(
    `  ${result.documents.length} documents (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}), ` +
      `${result.appointments.length} appointments, ${result.toc.length} table-of-contents entries`,
  );
  out.push('');
  out.push(
    ...table(
      ['line', 'doc number', 'kind', 'category', 'signed', 'section', 'conf', 'title'],
      [6, 20, 6, 10, 10, 16, 4, 60],
      result.documents.map((d) => [
        String(d.start_line),
        d.doc_number ?? '—',
        d.doc_type ?? '?',
        d.category,
        d.signed_on ?? '—',
        d.section ?? '—',
        d.confidence.toFixed(2),
        d.title,
      ]),
    ).map((l) => `  ${l}`),
  );
  if (result.appointments.length) {
    out.push('');
    out.push(
      ...table(
        ['doc number', 'action', 'person', 'position', 'qualifiers'],
        [20, 7, 8, 50, 16],
        result.appointments.map((a) => [a.doc_number ?? '—', a.action, a.person, a.position, a.qualifiers.join('，')]),
      ).map((l) => `  ${l}`),
    );
  }
  const doubtful = result.documents.filter((d) => d.reasons.length);
  for (const d of doubtful) out.push(`  ! line ${d.start_line}: ${d.reasons.join('; ')}`);
  for (const e of result.toc_check.entries_without_body) out.push(`  ! TOC entry without a body: ${e.title}`);
  for (const w of result.warnings) out.push(`  ! ${w}`);
  return out.join('\n');
}
