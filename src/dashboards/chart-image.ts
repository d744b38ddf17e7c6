import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';

export type ChartOption = Parameters<echarts.ECharts['setOption']>[0];

/**
 * Renders an ECharts option on the server (SVG string renderer, no DOM) and rasterises it to PNG, so
 * mail clients that block remote images and do not show inline SVG still show the chart.
 */
export function renderChartPng(option: ChartOption, width: number, height: number): Buffer {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: 'DejaVu Sans, Noto Sans CJK SC, sans-serif' }, ...option });
    const svg = chart.renderToSVGString();
    return new Resvg(svg, { background: '#ffffff', font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
  } finally {
    chart.dispose();
  }
}
