/** Small display helpers shared by the debriefing components. */
export const pct1 = (x: number) => `${(Math.floor(x * 10 + 1e-9) / 10).toFixed(1)}%`;
export const fixed1 = (x: number | null) => (x === null ? '—' : (Math.round(x * 10) / 10).toFixed(1));

export const STATUS_TAG: Record<string, 'info' | 'primary' | 'warning' | 'success' | 'danger'> = {
  待提交: 'info',
  已提交报告: 'primary',
  已述职: 'primary',
  已评定: 'success',
  整改中: 'warning',
  已完成: 'success',
};

/** One row of the ballot grid while typing: null = not entered. */
export interface TallyDraft {
  item: string;
  issued: number | null;
  valid: number | null;
  good: number | null;
  fairlyGood: number | null;
  average: number | null;
  poor: number | null;
}
