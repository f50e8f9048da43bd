import { use } from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the charts use is bundled: everything is local, nothing is fetched.
use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

/** Colours that stay apart in print and for colour-blind readers: the brand red, slate blue, ochre, teal, grey. */
export const PALETTE = ['#b83b2e', '#4f6f99', '#d4a017', '#3a8c7e', '#8492a6', '#9b5aa3'];

export const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif';

/** 53.4%: one decimal, as the rate cards show. */
export const pct1 = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
