import { daysBetween } from '../rules';

/** 软弱涣散党组织整顿: how an identified organisation ends, and the year's 整顿转化率. */
export const WEAK_STATUSES = ['整顿中', '已转化', '未转化'] as const;
export type WeakStatus = (typeof WEAK_STATUSES)[number];

export interface ConversionRate {
  identified: number;
  converted: number;
  /** converted ÷ identified, or null when none was identified. */
  rate: number | null;
  /** “整顿转化率75.0%（确定整顿4个，已转化3个）”: the rate with its denominator and numerator. */
  explanation: string;
}

/** THE 整顿转化率 rule: converted ÷ identified (every organisation confirmed for 整顿 that year). */
export function conversionRate(statuses: WeakStatus[]): ConversionRate {
  const identified = statuses.length;
  const converted = statuses.filter((s) => s === '已转化').length;
  if (identified === 0) return { identified, converted, rate: null, explanation: '整顿转化率—（本年度未确定软弱涣散党组织）' };
  const rate = converted / identified;
  return { identified, converted, rate, explanation: `整顿转化率${(rate * 100).toFixed(1)}%（确定整顿${identified}个，已转化${converted}个）` };
}

/** 逾期: still 整顿中 after its deadline. Days overdue, or null. */
export function weakOverdueDays(item: { status: WeakStatus; deadline: string | null }, today: string): number | null {
  if (item.status !== '整顿中' || !item.deadline) return null;
  const days = daysBetween(item.deadline, today);
  return days > 0 ? days : null;
}
