// Leaflet maps without a tile server: the base layer is the city's grid cells (GeoJSON from
// /api/reference/grid-map), so a map works on a closed network. One map per element; markers are replaced
// as a set; a pickable map reports clicks to .NET (OnMapPicked) and shows the picked point.
import L from 'leaflet';

const maps = new WeakMap();
let gridPromise = null;

function grid() {
  if (!gridPromise) {
    gridPromise = fetch('/api/reference/grid-map', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : { type: 'FeatureCollection', features: [] }))
      .catch(() => ({ type: 'FeatureCollection', features: [] }));
  }
  return gridPromise;
}

function label(names, culture) {
  if (!names) return '';
  return culture && culture.startsWith('zh') ? names.zh : names.en;
}

export async function show(element, options) {
  dispose(element);
  const opts = options || {};
  const map = L.map(element, { attributionControl: false, zoomControl: true, preferCanvas: true });
  const state = { map, markers: L.layerGroup().addTo(map), picked: null, dotnet: opts.dotnet || null, culture: opts.culture || 'zh-CN' };
  maps.set(element, state);
  element.dataset.mapReady = 'loading';
  const data = await grid();
  const cells = L.geoJSON(data, {
    style: () => ({ color: '#6d8fb3', weight: 1, fillColor: '#e8f0f8', fillOpacity: 0.6 }),
    onEachFeature: (feature, layer) => {
      const p = feature.properties || {};
      layer.bindTooltip(`${label(p.communityNames, state.culture)} · ${p.cell}`, { sticky: true });
    },
  }).addTo(map);
  state.cells = cells;
  const bounds = cells.getBounds();
  if (bounds.isValid()) {
    map.fitBounds(bounds, { padding: [8, 8] });
  } else {
    map.setView([31.2, 121.4], 11);
  }
  if (opts.pickable) {
    map.on('click', (e) => pick(element, e.latlng.lat, e.latlng.lng, true));
  }
  setMarkers(element, opts.markers || []);
  if (opts.picked) {
    pick(element, opts.picked.lat, opts.picked.lon, false);
  }
  element.dataset.mapReady = 'true';
}

function pick(element, lat, lon, notify) {
  const state = maps.get(element);
  if (!state) return;
  if (state.picked) state.picked.remove();
  state.picked = L.circleMarker([lat, lon], { radius: 8, color: '#c62828', weight: 3, fillOpacity: 0.8 }).addTo(state.map);
  element.dataset.pickedLat = String(lat);
  element.dataset.pickedLon = String(lon);
  if (notify && state.dotnet) {
    state.dotnet.invokeMethodAsync('OnMapPicked', lat, lon);
  }
}

// markers: [{ id, lat, lon, label, color, href }]
export function setMarkers(element, markers) {
  const state = maps.get(element);
  if (!state) return;
  state.markers.clearLayers();
  for (const m of markers || []) {
    const marker = L.circleMarker([m.lat, m.lon], { radius: 6, color: m.color || '#1565c0', weight: 2, fillOpacity: 0.7 });
    if (m.label) marker.bindTooltip(m.label);
    if (m.href) marker.on('click', () => { window.location.href = m.href; });
    marker.addTo(state.markers);
  }
  element.dataset.markerCount = String((markers || []).length);
}

export function dispose(element) {
  const state = maps.get(element);
  if (state) {
    state.map.remove();
    maps.delete(element);
  }
}
