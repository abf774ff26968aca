// The case application's shared browser code: Apache ECharts for charts, Leaflet maps on the grid-cell base
// layer, and the API client. Exposed on window.tongguan so Blazor components reach them through JS interop.
import * as echarts from 'echarts';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import * as api from './api.js';
import * as map from './map.js';
import * as charts from './charts.js';
import './portal.js';

window.tongguan = Object.assign(window.tongguan || {}, { echarts, L, api, map, charts });
