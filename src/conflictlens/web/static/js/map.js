// Map of the filtered events over bundled country boundaries (Natural Earth via world-atlas):
// works offline. The online tile layer is fetched only after the user ticks its box.
import * as L from "../vendor/leaflet/leaflet-src.esm.js";
import { apiPath, config, getAll, getJSON } from "./api.js";
import { EVENT_TYPE_COLORS, eventColor, swatch } from "./colors.js";
import { el, replace, routeHref } from "./dom.js";
import { filterForm, filtersFrom } from "./filters.js";

const MAX_EVENTS = 5000;
let countries = null;

function radius(fatalities) {
  return 4 + 3 * Math.sqrt(Math.max(0, fatalities || 0));
}

function popup(event) {
  return el("div", { className: "popup" },
    el("strong", {}, `${event.event_date || "undated"} · ${event.sub_event_type || event.event_type}`),
    el("div", {}, [event.actor1, event.actor2].filter(Boolean).join(" vs ")),
    el("div", {}, [event.location, event.admin1, event.country].filter(Boolean).join(", ")),
    el("div", {}, `fatalities: ${event.fatalities} · ${event.certainty}`),
    el("div", {}, `source: ${event.source}`),
    el("a", { href: routeHref("doc", event.doc_id, { event: event.event_id }) }, "read the article"));
}

export async function renderMap(root, query) {
  const filters = filtersFrom(query);
  const settings = await config();
  const box = el("div", { className: "map", id: "map" });
  const note = el("p", { className: "count", id: "map-count" });
  const tiles = el("input", { type: "checkbox", id: "online-tiles" });
  const toView = el("button", { type: "button", id: "bbox-from-view" }, "Filter to this view");
  replace(root,
    el("h2", {}, "Map"),
    await filterForm("map", filters),
    el("div", { className: "map-tools" },
      el("label", {}, tiles, " Online map tiles (OpenStreetMap; contacts tile.openstreetmap.org)"),
      toView, note),
    box);

  const map = L.map(box, { worldCopyJump: true, attributionControl: true }).setView([33, 40], 5);
  map.attributionControl.setPrefix(false);
  countries ??= await getJSON("static/vendor/world-atlas/countries-50m.geojson");
  L.geoJSON(countries, {
    style: { color: "#8a8a8a", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 },
    interactive: false,
  }).addTo(map);
  map.attributionControl.addAttribution("Boundaries: Natural Earth");

  let tileLayer = null;
  tiles.addEventListener("change", () => {
    if (tiles.checked) {
      tileLayer = L.tileLayer(settings.tile_url, { attribution: settings.tile_attribution, maxZoom: 18 });
      tileLayer.addTo(map);
    } else if (tileLayer) {
      tileLayer.remove();
      tileLayer = null;
    }
  });
  toView.addEventListener("click", () => {
    const b = map.getBounds();
    const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(3)).join(",");
    const params = new URLSearchParams({ ...filters, bbox });
    window.location.hash = `#/map?${params}`;
  });

  const legend = L.control({ position: "bottomright" });
  legend.onAdd = () => el("div", { className: "map-legend" },
    EVENT_TYPE_COLORS.map(([type]) => el("div", {}, swatch(type), type)),
    el("div", { className: "hint" }, "size: fatalities"));
  legend.addTo(map);

  const { items, more } = await getAll(apiPath.events, filters, MAX_EVENTS);
  // big circles first, so the small ones drawn over them stay clickable
  const placed = items.filter((e) => Number.isFinite(e.latitude) && Number.isFinite(e.longitude))
    .sort((a, b) => (b.fatalities || 0) - (a.fatalities || 0));
  const markers = placed.map((event) => L.circleMarker([event.latitude, event.longitude], {
    radius: radius(event.fatalities),
    color: "#222",
    weight: 1,
    fillColor: eventColor(event.event_type),
    fillOpacity: 0.75,
    className: "event-marker",
  }).bindPopup(() => popup(event)).addTo(map));
  // No zoom animation: a marker clicked while the map still glides misses (seen in a loaded CI run).
  if (markers.length) {
    map.fitBounds(L.featureGroup(markers).getBounds().pad(0.5), { maxZoom: 8, animate: false });
  }
  note.textContent = `${placed.length} events on the map` +
    (items.length > placed.length ? `, ${items.length - placed.length} without coordinates` : "") +
    (more ? ` (first ${MAX_EVENTS} of the filtered set)` : "");
  box.dataset.markers = String(markers.length);
  return () => map.remove();
}
