/** 两新组织党建工作覆盖情况统计表: the coverage rates by street and category, with totals. */
import { COVERAGE_FORMULAS, figuresFromCounts, type CoverageFigures } from '../../../../shared/domain/coverage';
import { CATEGORIES, CATEGORY_LABELS } from '../../../../shared/domain/vocab';
import type { CoreContext } from '../../context';
import { factGroups, sumCounts, type FactGroup } from '../../stats/fact-groups';
import { tableDocument, twoRowHeader } from '../index';
import type { Cell, GongwenDocument } from '../model';
import { percent, tableSubtitle } from './common';

export const COVERAGE_TITLE = '两新组织党建工作覆盖情况统计表';

const HEADER = twoRowHeader([
  '街道（乡镇）', '类别', '组织数', '在营数',
  ['党组织覆盖', ['已建数', '覆盖率']], ['单独组建', ['单建数', '单建率']], ['应建党组织', ['应建数', '已建数', '组建率']], ['工作覆盖', ['覆盖数', '覆盖率']],
]);

function figures(f: CoverageFigures): string[] {
  return [
    String(f.total),
    String(f.inOperation),
    String(f.orgCoverage.numerator),
    percent(f.orgCoverage.rate),
    String(f.ownOrgRate.numerator),
    percent(f.ownOrgRate.rate),
    String(f.buildRate.denominator),
    String(f.buildRate.numerator),
    percent(f.buildRate.rate),
    String(f.workCoverage.numerator),
    percent(f.workCoverage.rate),
  ];
}

export function coverageDocument(ctx: CoreContext): { doc: GongwenDocument; count: number } {
  // Counted by SQL over the stored facts (stats/fact-groups.ts), then added up per street and category.
  const groups = factGroups(ctx);
  const streets = [...new Set(groups.map((g) => g.street))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const rows: Cell[][] = [];
  const group = (name: string, list: FactGroup[], bold = false) => {
    CATEGORIES.forEach((c, i) => {
      const head: Cell[] = i === 0 ? [{ text: name, rowSpan: 3, bold }] : [];
      rows.push([...head, CATEGORY_LABELS[c], ...figures(figuresFromCounts(sumCounts(list, (g) => g.category === c)))]);
    });
    rows.push([{ text: '小计', bold: true }, ...figures(figuresFromCounts(sumCounts(list))).map((text) => ({ text, bold }))]);
  };
  for (const s of streets) group(s, groups.filter((g) => g.street === s));
  group('合计', groups, true);
  const doc = tableDocument({
    title: COVERAGE_TITLE,
    subtitle: tableSubtitle(ctx),
    orientation: 'landscape',
    table: { columns: [9, 6, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5], header: HEADER, rows, fontSize: 12 },
    notes: ['说明：统计范围为未撤销的组织档案。', ...Object.values(COVERAGE_FORMULAS).map((f) => `${f}。`)],
  });
  return { doc, count: sumCounts(groups).total };
}
