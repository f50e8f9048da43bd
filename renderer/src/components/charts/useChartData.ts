import { ref } from 'vue';
import type { OverviewResult } from '@shared/contract/app';
import type { ChartData } from '@shared/contract/charts';
import { api } from '../../api/client';
import { useReload } from '../common/useReload';
import { useAppStore } from '../../stores/app';

/** The overview statistics and the chart figures, reloaded whenever data changes. */
export function useChartData(withOverview: boolean) {
  const app = useAppStore();
  const overview = ref<OverviewResult | null>(null);
  const charts = ref<ChartData | null>(null);
  const { error } = useReload([() => app.dataVersion], async () => {
    const [o, c] = await Promise.all([withOverview ? api('stats.overview', {}) : null, api('stats.charts', {})]);
    overview.value = o;
    charts.value = c;
  });
  return { overview, charts, error };
}
