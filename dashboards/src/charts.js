// ECharts set-up shared by the dashboard: one registry of live charts (PNG export, resizing, and the
// browser tests read each chart's option from it), and time formatting in the viewer's time zone.
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AxisPointerComponent, GridComponent, LegendComponent, MarkAreaComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only the chart kinds and components the dashboard draws: a third of the full bundle. MarkArea shades collection
// gaps (without it ECharts keeps the option and silently draws nothing).
echarts.use([BarChart, LineChart, PieChart, AxisPointerComponent, GridComponent, LegendComponent, MarkAreaComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export const charts = {};
window.goldenhourCharts = charts;

export function mountChart(name, el, option) {
  charts[name]?.dispose();
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({ animationDuration: 300, textStyle: { fontFamily: 'system-ui, "Noto Sans CJK SC", sans-serif' }, ...option });
  charts[name] = chart;
  return chart;
}

export function disposeCharts() {
  for (const [name, chart] of Object.entries(charts)) {
    chart.dispose();
    delete charts[name];
  }
}

window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));

/** Downloads a chart as PNG (ECharts renders it at twice the screen resolution). */
export function downloadPng(name, filename) {
  const url = charts[name].getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
}

export function timeFormatter(timeZone, withDate) {
  const f = new Intl.DateTimeFormat(undefined, { timeZone, ...(withDate ? { month: 'numeric', day: 'numeric' } : {}), hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (t) => f.format(new Date(t));
}
