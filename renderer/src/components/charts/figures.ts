import type { EChartsCoreOption } from 'echarts/core';
import type { OverviewResult } from '@shared/contract/app';
import type { ChartData } from '@shared/contract/charts';
import { TIERS } from '@shared/contract/debriefing';
import { GRADES } from '@shared/domain/grading';
import { CATEGORY_LABELS } from '@shared/domain/vocab';
import { pct1 } from './echarts';

/** A chart's option and the table of the same figures. */
export interface Figure {
  option: EChartsCoreOption;
  table: { columns: string[]; rows: (string | number)[][] };
}

const percentAxis = { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } };
/** 52.0%, as the tables and the rate cards write it. */
const percentLabel = (p: { value: number | null }) => (p.value === null ? '' : `${p.value.toFixed(1)}%`);
const asPercent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** 党组织覆盖率 by street, highest first, with the district's rate as a line across. */
export function streetCoverage(o: OverviewResult): Figure {
  const rows = [...o.byStreet].filter((s) => s.coverage.inOperation > 0).sort((a, b) => (b.coverage.orgCoverage.rate ?? 0) - (a.coverage.orgCoverage.rate ?? 0));
  const district = asPercent(o.coverage.orgCoverage.rate);
  return {
    option: {
      grid: { left: 48, right: 72, top: 28, bottom: 64 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      xAxis: { type: 'category', data: rows.map((s) => s.street), axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0 } },
      yAxis: percentAxis,
      series: [
        {
          name: '党组织覆盖率',
          type: 'bar',
          data: rows.map((s) => asPercent(s.coverage.orgCoverage.rate)),
          label: { show: true, position: 'top', formatter: percentLabel, fontSize: 11 },
          markLine: district === null ? undefined : {
            symbol: 'none',
            lineStyle: { color: '#4f6f99', type: 'dashed', width: 2 },
            label: { formatter: `全区\n${district.toFixed(1)}%`, color: '#4f6f99', position: 'end' },
            data: [{ yAxis: district }],
          },
        },
      ],
    },
    table: {
      columns: ['街道（乡镇）', '在营组织', '已建党组织', '党组织覆盖率', '工作覆盖率'],
      rows: [
        ...rows.map((s) => [s.street, s.coverage.inOperation, s.coverage.orgCoverage.numerator, pct1(s.coverage.orgCoverage.rate), pct1(s.coverage.workCoverage.rate)]),
        ['全区', o.coverage.inOperation, o.coverage.orgCoverage.numerator, pct1(o.coverage.orgCoverage.rate), pct1(o.coverage.workCoverage.rate)],
      ],
    },
  };
}

/** 组织覆盖率 and 工作覆盖率 of each census year. */
export function coverageByYear(c: ChartData): Figure {
  const years = c.coverageByYear;
  return {
    option: {
      grid: { left: 48, right: 24, top: 40, bottom: 32 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      xAxis: { type: 'category', data: years.map((y) => `${y.year}年`) },
      yAxis: percentAxis,
      series: [
        // 工作覆盖率 is never below 党组织覆盖率: its labels above, the other's below, so they never overlap.
        { name: '党组织覆盖率', type: 'line', data: years.map((y) => asPercent(y.orgCoverage.rate)), symbolSize: 8, label: { show: true, formatter: percentLabel, position: 'bottom' } },
        { name: '工作覆盖率', type: 'line', data: years.map((y) => asPercent(y.workCoverage.rate)), symbolSize: 8, lineStyle: { type: 'dashed' }, label: { show: true, formatter: percentLabel, position: 'top' } },
      ],
    },
    table: {
      columns: ['摸排年度', '在营组织', '党组织覆盖率', '工作覆盖率'],
      rows: years.map((y) => [`${y.year}年`, y.orgCoverage.denominator, pct1(y.orgCoverage.rate), pct1(y.workCoverage.rate)]),
    },
  };
}

/** 组织类别 (all case files) beside 党组织类型 (in operation): two rings. */
export function categoryAndType(o: OverviewResult, c: ChartData): Figure {
  const categories = o.byCategory.map((x) => ({ name: CATEGORY_LABELS[x.category], value: x.count }));
  const types = c.partyOrgTypes.map((x) => ({ name: x.type, value: x.count }));
  const ring = (name: string, center: string, data: { name: string; value: number }[]) => ({
    name,
    type: 'pie',
    radius: ['22%', '40%'],
    center: [center, '56%'],
    data,
    labelLine: { length: 8, length2: 8 },
    label: { overflow: 'none', formatter: (p: { name: string; value: number; percent: number }) => `${p.name}\n${p.value}（${p.percent.toFixed(1)}%）`, fontSize: 11 },
  });
  return {
    option: {
      tooltip: { trigger: 'item', formatter: '{a}<br/>{b}：{c}（{d}%）' },
      // Each ring says what it counts, under it.
      title: [
        { text: '组织类别', left: '25%', top: 0, textAlign: 'center', textStyle: { fontSize: 13, fontWeight: 'normal' } },
        { text: '党组织类型（在营）', left: '70%', top: 0, textAlign: 'center', textStyle: { fontSize: 13, fontWeight: 'normal' } },
      ],
      series: [ring('组织类别', '25%', categories), ring('党组织类型（在营）', '70%', types)],
    },
    table: {
      columns: ['分组', '项目', '数量'],
      rows: [...categories.map((x) => ['组织类别', x.name, x.value]), ...types.map((x) => ['党组织类型（在营）', x.name, x.value])],
    },
  };
}

/** This year's quarters: share of assigned organisations visited, and the number of visits. */
export function visitsByQuarter(c: ChartData): Figure {
  const q = c.visitsByQuarter.quarters;
  const names = q.map((x) => `第${'一二三四'[x.quarter - 1]}季度`);
  return {
    option: {
      grid: { left: 48, right: 48, top: 40, bottom: 32 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: names },
      yAxis: [percentAxis, { type: 'value', name: '次', splitLine: { show: false } }],
      series: [
        { name: '走访完成率', type: 'bar', data: q.map((x) => asPercent(x.rate)), barMaxWidth: 48, label: { show: true, position: 'insideBottom', color: '#fff', formatter: percentLabel } },
        { name: '走访次数', type: 'line', yAxisIndex: 1, data: q.map((x) => x.visits), symbolSize: 8, label: { show: true, position: 'top' } },
      ],
    },
    table: {
      columns: ['季度', '联系的组织', '已走访', '完成率', '走访次数'],
      rows: q.map((x, i) => [names[i], x.due, x.visited, pct1(x.rate), x.visits]),
    },
  };
}

/** Grades per tier, last year's cycle beside this year's, stacked by grade. */
export function gradesByTier(c: ChartData): Figure {
  const years = [...new Set(c.grades.map((g) => g.year))].sort();
  const groups = TIERS.flatMap((tier) => years.map((year) => ({ tier, year }))).filter((g) => c.grades.some((x) => x.tier === g.tier && x.year === g.year));
  const count = (tier: string, year: number, grade: string) => c.grades.find((x) => x.tier === tier && x.year === year && x.grade === grade)?.count ?? 0;
  return {
    option: {
      grid: { left: 40, right: 16, top: 40, bottom: 48 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: groups.map((g) => `${g.tier}\n${g.year}年`), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', name: '人', minInterval: 1 },
      series: GRADES.map((grade) => ({
        name: grade,
        type: 'bar',
        stack: 'grade',
        barMaxWidth: 56,
        data: groups.map((g) => count(g.tier, g.year, grade)),
        label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
      })),
    },
    table: {
      columns: ['层级', '年度', ...GRADES, '合计'],
      rows: groups.map((g) => {
        const n = GRADES.map((grade) => count(g.tier, g.year, grade));
        return [g.tier, `${g.year}年`, ...n, n.reduce((a, b) => a + b, 0)];
      }),
    },
  };
}
