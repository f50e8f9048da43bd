/**
 * Where lines break in exported documents: titles at word boundaries and balanced (GB/T 9704 7.3.3), names,
 * codes and dates never cut, table columns sized from their content (jieba + the office's terms).
 */
import { describe, expect, it } from 'vitest';
import { cellLines, fitColumns, splitMerges } from '../../electron/core/export/columns';
import { textWidth, titleLineTexts } from '../../electron/core/export/gongwen';
import type { TableModel } from '../../electron/core/export/model';
import { balancedLines, breakUnits } from '../../electron/core/export/words';
import { contentsLines, lineCount, lineStarts, pageLayout, paragraphLines, tableHeights, textEnd } from '../../electron/core/export/layout';

const width22 = (t: string) => textWidth(t, 22);

describe('titles break at word boundaries, lines balanced', () => {
  it('never inside a word: 排查, 党建, 述职评议, 两新组织 stay whole; the lines differ by little', () => {
    const cases = [
      '关于开展两新组织党建工作集中排查整顿工作的通知',
      '关于开展2025年度两新组织党组织书记抓党建工作述职评议考核的通知',
      '关于进一步加强和改进全区非公有制企业和社会组织党建工作推动两新组织高质量发展的实施意见',
    ];
    for (const title of cases) {
      const lines = titleLineTexts(title, 8844);
      expect(lines.join('')).toBe(title);
      expect(lines.length).toBe(Math.ceil(width22(title) / 8844));
      for (const l of lines) expect(width22(l)).toBeLessThanOrEqual(8844);
      const joints = lines.slice(1).map((l, i) => `${lines[i].slice(-2)}|${l.slice(0, 2)}`);
      for (const j of joints) expect(j).not.toMatch(/排\|查|党\|建|述职\|评议|两新\|组织|述\|职|评\|议|\d\|\d|年\|度/);
      // Balanced: no line more than 5 characters (of 22 pt) shorter than the longest.
      const widths = lines.map(width22);
      expect(Math.max(...widths) - Math.min(...widths)).toBeLessThan(5 * 440);
    }
    expect(titleLineTexts('关于开展两新组织党建工作集中排查整顿工作的通知', 8844)).toEqual(['关于开展两新组织党建工作', '集中排查整顿工作的通知']);
  });

  it('keeps a title that fits on one line, and the model’s own “\\n” lines', () => {
    expect(titleLineTexts('应建未建党组织情况清单', 8844)).toEqual(['应建未建党组织情况清单']);
    expect(titleLineTexts('衡水恒泰机械有限公司党支部\n述职报告', 8844)).toEqual(['衡水恒泰机械有限公司党支部', '述职报告']);
  });

  it('balancedLines cuts a single piece wider than the line by character, as the last resort', () => {
    const code = '9'.repeat(30);
    const lines = balancedLines(code, 10 * 220, width22);
    expect(lines.join('')).toBe(code);
    for (const l of lines) expect(width22(l)).toBeLessThanOrEqual(10 * 220);
  });
});

describe('pieces kept whole', () => {
  it('dates, codes, masked IDs, numbers and a bracketed name are one piece; punctuation stays with its word', () => {
    const units = breakUnits('1. 衡水恒泰机械有限公司党支部（黄振华）于2026年11月13日报送，代码91131102KC35ACWHXK，身份证131102********1234，占86.5%。');
    expect(units).toContain('（黄振华）');
    expect(units).toContain('2026年11月13日');
    expect(units.some((u) => u.startsWith('91131102KC35ACWHXK'))).toBe(true);
    expect(units.some((u) => u.startsWith('131102********1234'))).toBe(true);
    expect(units.some((u) => u.startsWith('86.5%'))).toBe(true);
    expect(units.join('')).toBe('1. 衡水恒泰机械有限公司党支部（黄振华）于2026年11月13日报送，代码91131102KC35ACWHXK，身份证131102********1234，占86.5%。');
    // No piece starts with a closing mark or ends with an opening one.
    for (const u of units) {
      expect(u).not.toMatch(/^[，。、；：）]/);
      expect(u).not.toMatch(/[（“]$/);
    }
    expect(breakUnits('应建未建、无党员、未覆盖')).toEqual(['应建未建、', '无党员、', '未覆盖']);
    // A post as the 整顿台账 writes it (jieba alone cut 副|书记).
    expect(breakUnits('张志刚（街道党工委副书记）')).not.toContain('书记）');
  });
});

describe('table columns from their content', () => {
  const table: TableModel = {
    columns: [1, 6, 1, 1, 1, 2],
    keepWhole: [true, false, true, true, true, false],
    header: [['序号', '组织名称', '统一社会信用代码', '正式', '换届届满', '备注']],
    rows: [
      ['1', '衡水金诺建筑工程有限责任公司', '91131102KC35ACWHXK', '12', '2029年10月15日', '应建未建、无党员'],
      ['300', '某某协会', '52131102MJ0000000X', '3', '—', ''],
    ],
  };

  it('a code, a date and a header word fit on one line; the widths sum to the type area', () => {
    const w = fitColumns(table, 12756);
    expect(w.reduce((a, b) => a + b, 0)).toBe(12756);
    const inner = (i: number) => w[i] - 56;
    expect(inner(2)).toBeGreaterThanOrEqual(textWidth('91131102KC35ACWHXK', 12));
    expect(inner(4)).toBeGreaterThanOrEqual(textWidth('2029年10月15日', 12));
    // Headers never stand one character a line: 序号 and 正式 fit whole.
    expect(inner(0)).toBeGreaterThanOrEqual(textWidth('序号', 12));
    expect(inner(3)).toBeGreaterThanOrEqual(textWidth('正式', 12));
    // The wrapping 备注 column holds its widest flag.
    expect(inner(5)).toBeGreaterThanOrEqual(textWidth('应建未建', 12));
    // The name column takes what is left.
    expect(w[1]).toBeGreaterThan(w[5]);
  });

  it('a narrow portrait table still gives its code column room for the whole code', () => {
    const w = fitColumns({ columns: [26, 138, 60, 54, 30, 30, 30], header: [['序号', '组织名称', '统一社会信用代码', '类别', '经营状态', '从业人员', '正式党员']], rows: [['1', '某公司', '91131102KC35ACWHXK', '非公企业', '在营', '12', '3']] }, 8844);
    expect(w[2] - 56).toBeGreaterThanOrEqual(textWidth('91131102KC35ACWHXK', 12));
    expect(w.reduce((a, b) => a + b, 0)).toBe(8844);
  });

  it('the room goes where it saves lines, whatever the weights; a header line never holds one character', () => {
    // Weighted 1 : 9, the 工作单位 column would break 桃城区/市场/监督/管理局 over four lines; the short 职务 needs nothing.
    const roster: TableModel = {
      columns: [1, 9, 1],
      keepWhole: [false, false, true],
      header: [['工作单位', '职务', '联系\n组织数']],
      rows: [['桃城区市场监督管理局', '主任', '12'], ['桃城区工商业联合会', '办公室主任', '3']],
    };
    const w = fitColumns(roster, 4000);
    expect(cellLines('桃城区市场监督管理局', w[0], 12)).toEqual(['桃城区市场', '监督管理局']);
    expect(w.reduce((a, b) => a + b, 0)).toBe(4000);
    // 组织数 whole (jieba cuts 组织|数), not 组织/数.
    expect(w[2] - 56).toBeGreaterThanOrEqual(textWidth('组织数', 12));
    expect(cellLines('联系\n组织数', w[2], 12)).toEqual(['联系', '组织数']);
  });

  it('a merged cell taller than its rows spreads what they lack evenly over them, as LibreOffice does', () => {
    // A key of four lines over two one-line rows: 2 × 557 twips (measured 27.9 pt each), not 562 + 286.
    const t: TableModel = { columns: [1, 4], keepWhole: [false, true], header: [['姓名', '联系组织']], rows: [[{ text: '甲\n乙\n丙\n丁', rowSpan: 2 }, '某公司'], ['某协会'], ['张三', '某基金会']] };
    expect(tableHeights(t, 8844).rows).toEqual([557, 557, 286]);
  });

  it('a table’s one-line 注 never stands alone on the last page: the last row goes over with it', () => {
    // 39 rows under the title on page 1 and 43 filling page 2 to its foot: the 注 would stand alone on page 3.
    const rows = Array.from({ length: 82 }, (_, i) => [String(i + 1), '某某有限公司']);
    const doc = { title: '标题', body: [{ kind: 'table' as const, table: { columns: [1, 4], header: [['序号', '名称']], rows } }, { kind: 'paragraph' as const, text: '注：共82个。' }] };
    const pieces = pageLayout(doc).sections[0].pieces;
    const table = pieces.find((p) => p.part.kind === 'block' && p.part.block.kind === 'table')!.at;
    const note = pieces.at(-1)!.at;
    // The 注 shares page 3 with the table's last row.
    expect(note.page).toBe(3);
    expect(table.rowBreaks).toEqual([39, 81]);
  });

  it('a long cell is broken into lines at word boundaries, never inside a name, a flag or a company suffix', () => {
    expect(cellLines('衡水金诺建筑工程有限责任公司', 56 + 30 + 10 * 240, 12)).toEqual(['衡水金诺建筑工程', '有限责任公司']);
    // No mark hangs past a cell's edge in LibreOffice: a line holds its punctuation in full.
    expect(cellLines('应建未建、无党员、未覆盖', 56 + 30 + 5 * 240, 12)).toEqual(['应建未建、', '无党员、', '未覆盖']);
    expect(cellLines('整顿方案，正在推进', 56 + 30 + 5 * 240, 12)).toEqual(['整顿方案，', '正在推进']);
    expect(cellLines('整顿方案，正在推进', 56 + 30 + 4.5 * 240, 12)).toEqual(['整顿', '方案，', '正在推进']);
    // A word wider than its cell is cut by character, a closing mark kept with the character before it; no
    // line is left with one character (and its marks): the line above gives it a character.
    expect(cellLines('（逾期14天）', 56 + 30 + 4 * 240, 12)).toEqual(['（逾期', '14天）']);
    expect(cellLines('组织生活），', 56 + 30 + 5 * 240, 12)).toEqual(['组织', '生活），']);
    // No line of one character: the line above gives it its last word (计划性不/强, 郑家河沿/镇 before).
    expect(cellLines('发展党员工作计划性不强', 56 + 30 + 4 * 240, 12)).toEqual(['发展党员', '工作', '计划性', '不强']);
    expect(cellLines('郑家河沿镇', 56 + 30 + 4 * 240, 12)).toEqual(['郑家', '河沿镇']);
    expect(cellLines('短名称', 2000, 12)).toEqual(['短名称']);
  });
});

describe('merged cells across pages', () => {
  const rows = [
    [{ text: '1', rowSpan: 5 }, { text: '张三', rowSpan: 5 }, '甲公司'],
    ['乙公司'], ['丙公司'], ['丁公司'], ['戊公司'],
    ['2', '李四', '己公司'],
  ];
  const show = (out: ReturnType<typeof splitMerges>) => out.rows.map((r) => r.map((c) => (typeof c === 'string' ? c : `${c.text}/${c.rowSpan ?? 1}`)));

  it('a merge is cut only where the engine starts a page, the key repeated on that page’s first row', () => {
    expect(show(splitMerges(rows, 3, new Set([3])))).toEqual([
      ['1/3', '张三/3', '甲公司'], ['乙公司'], ['丙公司'],
      ['1/2', '张三/2', '丁公司'], ['戊公司'],
      ['2', '李四', '己公司'],
    ]);
    // A page starting at a merge's first row, or after it, leaves the merge whole.
    expect(splitMerges(rows, 3, new Set([0, 5])).rows[0]).toEqual(rows[0]);
  });
});

describe('the engine’s own line layout (LibreOffice’s rules, measured)', () => {
  it('26 characters on an indented first line, 28 on the others; a closing mark hangs, an opening mark goes down, digits move whole', () => {
    expect(lineCount('甲'.repeat(26))).toBe(1);
    expect(lineCount('甲'.repeat(27))).toBe(2);
    expect(lineCount('甲'.repeat(54))).toBe(2);
    expect(lineCount('甲'.repeat(55))).toBe(3);
    expect(lineCount('甲'.repeat(28), 8844, 0)).toBe(1);
    // Measured: “甲×26 乙丙 丁×26 。” is 26 | 29 (the 。 hangs past the line end).
    expect(lineCount(`${'甲'.repeat(26)}乙丙${'丁'.repeat(26)}。`)).toBe(2);
    // Measured: 25 | （乙丙）丁×24 | 丁×6: the （ does not end line 1.
    expect(lineCount(`${'甲'.repeat(25)}（乙丙）${'丁'.repeat(30)}`)).toBe(3);
    // Measured: 25 | 2026年11月丁×22 | 丁×8: digits are half a character, and 2026 moves whole.
    expect(lineCount(`${'甲'.repeat(24)}于2026年11月${'丁'.repeat(30)}`)).toBe(3);
    expect(lineCount(`${'甲'.repeat(24)}于2026年11月${'丁'.repeat(22)}`)).toBe(2);
  });

  it('a second closing mark neither hangs nor starts a line; a date or a number keeps its unit: the line closes up or goes down', () => {
    // Measured (应建未建清单): LibreOffice printed 中华街道（7/个）、: the ）hangs, the 、 cannot, so 个）、 went down.
    const text = '截至2026年11月22日，正式党员3名以上、在营但尚未建立党组织的两新组织共29个，涉及9个街道（乡镇），其中非公企业24个、社会组织5个。数量较多的是中华街道（7个）、邓庄镇（6个）。';
    expect(lineStarts(text).map((at) => text[at])).not.toContain('、');
    // Measured: the line closed up by 3 twips a character takes （7个）、 whole (the 、 hanging).
    expect(paragraphLines(text)[2]).toMatch(/中华街道（7个）、$/);
    // 计3分 (a number and its unit): LibreOffice would cut it; the line closes up to take 分 when it can
    // (at most 1 pt a character), else 3分 goes down and the line is spaced out.
    const score = `${'甲'.repeat(25)}3分，${'乙'.repeat(20)}`;
    expect(lineStarts(score)).toEqual([0, 26]);
    expect(paragraphLines(score)[0].endsWith('3分，')).toBe(true);
    const far = `${'甲'.repeat(20)}于2026年11月22日开始，${'乙'.repeat(20)}`;
    expect(paragraphLines(far)[1].startsWith('2026年11月22日')).toBe(true);
    // The flow counts the lines as printed: the date sent down makes this paragraph three lines, not two.
    const longer = `${'甲'.repeat(20)}于2026年11月22日开始，${'乙'.repeat(18)}。`;
    expect(lineStarts(longer)).toHaveLength(2);
    expect(paragraphLines(longer)).toHaveLength(3);
    expect(lineCount(longer)).toBe(3);
    // A person's name the paragraph is told of stays whole on a line (黄|振华 without it).
    const named = `${'甲'.repeat(25)}黄振华同志${'乙'.repeat(20)}`;
    expect(paragraphLines(named)[0].endsWith('黄')).toBe(true);
    expect(paragraphLines(named, undefined, undefined, ['黄振华']).some((l) => l.includes('黄振华'))).toBe(true);
  });

  it('where a document’s text ends: page and height, headings kept with two lines of their text', () => {
    const para = (n: number) => ({ kind: 'paragraph' as const, text: '甲'.repeat(26 + 28 * (n - 1)) });
    // Title line + blank, then 19 one-line paragraphs: 21 lines on page 1.
    const one = textEnd({ title: '标题', body: Array.from({ length: 19 }, () => para(1)) }, 0);
    expect(one).toMatchObject({ page: 1, used: 21 * 579, exact: true });
    // A heading on line 21 with a 3-line paragraph after it goes to page 2 with its text.
    const kept = textEnd({ title: '标题', body: [...Array.from({ length: 18 }, () => para(1)), { kind: 'heading', level: 1, text: '要求' }, para(3)] }, 0);
    expect(kept).toMatchObject({ page: 2, used: 4 * 579 });
    // A long paragraph breaks across the page, at least 2 lines on each side; with 1 line left it moves whole.
    const split = textEnd({ title: '标题', body: [...Array.from({ length: 18 }, () => para(1)), para(4)] }, 0);
    expect(split).toMatchObject({ page: 2, used: 2 * 579 });
    const moved = textEnd({ title: '标题', body: [...Array.from({ length: 19 }, () => para(1)), para(4)] }, 0);
    expect(moved).toMatchObject({ page: 2, used: 4 * 579 });
  });
});

describe('contents entries', () => {
  it('break at word boundaries, never inside the person’s name, and leave room for the page number', () => {
    const entry = '12. 衡水市桃城区某某街道某某社区某某科技股份有限公司联合党支部（徐秀英）';
    const lines = contentsLines(entry, 8844);
    expect(lines.join('')).toBe(entry);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.some((l) => l.includes('（徐秀英）'))).toBe(true);
    for (const l of lines) expect(textWidth(l, 16, -5)).toBeLessThanOrEqual(8844);
    expect(textWidth(lines.at(-1)!, 16, -5) + 4 * 315).toBeLessThanOrEqual(8844);
    expect(contentsLines('1. 某公司党支部（李四）', 8844)).toEqual(['1. 某公司党支部（李四）']);
  });
});
