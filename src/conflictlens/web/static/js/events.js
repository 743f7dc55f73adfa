// Event table: the API's filters, a page of rows at a time, and downloads of the filtered set.
import { apiPath, downloadUrl, getJSON } from "./api.js";
import { swatch } from "./colors.js";
import { el, replace, routeHref } from "./dom.js";
import { filterForm, filtersFrom } from "./filters.js";

const PAGE = 100;
const COLUMNS = [
  ["event_date", "Date"], ["event_type", "Type"], ["sub_event_type", "Sub-event"],
  ["actor1", "Actor 1"], ["actor2", "Actor 2"], ["location", "Location"], ["admin1", "Admin1"],
  ["country", "Country"], ["fatalities", "Fatalities"], ["certainty", "Certainty"],
  ["source", "Source"],
];

export async function renderEvents(root, query) {
  const filters = filtersFrom(query);
  const tbody = el("tbody", {});
  const count = el("p", { className: "count", id: "event-count" });
  const more = el("button", { type: "button", id: "load-more", hidden: true }, "Load more");
  let cursor = null;
  let shown = 0;

  async function load() {
    const page = await getJSON(apiPath.events, { ...filters, limit: PAGE, cursor });
    for (const event of page.items) {
      tbody.append(el("tr", { className: "event-row" },
        COLUMNS.map(([field]) => {
          const value = event[field] ?? "";
          if (field === "event_type") {
            return el("td", {}, swatch(value), value);
          }
          return el("td", { className: field === "fatalities" ? "num" : "" }, String(value));
        }),
        el("td", {}, el("a", { href: routeHref("doc", event.doc_id, { event: event.event_id }) }, "read"))));
    }
    shown += page.items.length;
    cursor = page.next_cursor;
    more.hidden = !cursor;
    count.textContent = `${shown} event${shown === 1 ? "" : "s"}${cursor ? " shown (more available)" : ""}`;
  }
  more.addEventListener("click", () => load());

  replace(root,
    el("h2", {}, "Events"),
    await filterForm("events", filters),
    el("p", { className: "downloads" }, "Download the filtered set: ",
      el("a", { href: downloadUrl(apiPath.events, filters, "csv"), download: "events.csv", id: "download-csv" }, "CSV (ACLED columns)"),
      " · ",
      el("a", { href: downloadUrl(apiPath.events, filters, "geojson"), download: "events.geojson", id: "download-geojson" }, "GeoJSON"),
      " · ",
      el("a", { href: routeHref("map", null, filters) }, "on the map"),
      " · ",
      el("a", { href: routeHref("timeline", null, filters) }, "on the timeline")),
    count,
    el("table", { className: "events", id: "events-table" },
      el("thead", {}, el("tr", {}, COLUMNS.map(([, name]) => el("th", { scope: "col" }, name)), el("th", {}, ""))),
      tbody),
    more);
  await load();
}
