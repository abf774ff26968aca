// The case application's shared browser libraries: Apache ECharts for charts and Leaflet for maps.
// Exposed on window.tongguan so Blazor components reach them through JS interop.
import * as echarts from 'echarts';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';

window.tongguan = Object.assign(window.tongguan || {}, { echarts, L });
