// ECharts for the report pages: one chart per element, redrawn with a whole new option from .NET (the page owns the
// data; the browser only draws). data-chart-ready and data-series-points let browser tests see what was drawn.
import * as echarts from 'echarts';

const charts = new WeakMap();

function resizeAll() {
  document.querySelectorAll('[data-chart-ready="true"]').forEach((element) => {
    const chart = charts.get(element);
    if (chart) chart.resize();
  });
}

let listening = false;

export function render(element, option) {
  if (!element) return;
  let chart = charts.get(element);
  if (!chart) {
    chart = echarts.init(element, null, { renderer: 'canvas' });
    charts.set(element, chart);
  }
  chart.setOption(option || {}, true);
  if (!listening) {
    window.addEventListener('resize', resizeAll);
    listening = true;
  }
  const series = (option && option.series) || [];
  element.dataset.seriesPoints = String(series.reduce((n, s) => n + ((s && s.data) ? s.data.length : 0), 0));
  element.dataset.chartReady = 'true';
}

export function dispose(element) {
  const chart = element ? charts.get(element) : null;
  if (chart) {
    chart.dispose();
    charts.delete(element);
  }
}
