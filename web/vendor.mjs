// Copies the UI's third-party browser assets from node_modules into the Python package, so users
// and CI never need npm: run `npm ci && node vendor.mjs` (make assets) after changing
// package.json, and commit src/conflictlens/web/static/vendor/.
//
// The basemap is converted here, once, from world-atlas' TopoJSON to plain GeoJSON (coordinates
// rounded to 0.01°, about 1 km), so the browser needs no TopoJSON decoder.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const out = join(here, "..", "src", "conflictlens", "web", "static", "vendor");

const version = (pkg) => JSON.parse(readFileSync(join(modules, pkg, "package.json"), "utf8"));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const copies = {
  leaflet: ["dist/leaflet-src.esm.js", "dist/leaflet.css", "dist/images", "LICENSE"],
  cytoscape: ["dist/cytoscape.esm.min.mjs", "LICENSE"],
  "world-atlas": ["LICENSE"],
};
for (const [pkg, files] of Object.entries(copies)) {
  for (const file of files) {
    const target = join(out, pkg, file.replace(/^dist\//, ""));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(join(modules, pkg, file), target, { recursive: true });
  }
}

const r2 = (x) => Math.round(x * 100) / 100;
// A ring rounded to 0.01°, without the repeated points rounding leaves (a ring keeps >= 4 points).
const ring = (points) => {
  const kept = [];
  for (const [lon, lat] of points) {
    const last = kept[kept.length - 1];
    if (!last || last[0] !== r2(lon) || last[1] !== r2(lat)) kept.push([r2(lon), r2(lat)]);
  }
  return kept.length >= 4 ? kept : points.map(([lon, lat]) => [r2(lon), r2(lat)]);
};
const round = (geometry) =>
  geometry.type === "Polygon"
    ? geometry.coordinates.map(ring)
    : geometry.coordinates.map((polygon) => polygon.map(ring));
const topology = JSON.parse(readFileSync(join(modules, "world-atlas", "countries-50m.json"), "utf8"));
const countries = feature(topology, topology.objects.countries);
for (const country of countries.features) {
  country.geometry.coordinates = round(country.geometry);
  delete country.id;
}
writeFileSync(join(out, "world-atlas", "countries-50m.geojson"), JSON.stringify(countries));

const manifest = Object.keys(copies).map((pkg) => {
  const meta = version(pkg);
  return { name: pkg, version: meta.version, license: meta.license };
});
writeFileSync(join(out, "VENDOR.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`vendored ${manifest.map((m) => `${m.name}@${m.version}`).join(", ")} into ${out}`);
