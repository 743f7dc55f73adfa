// The event filters of the API (/api/events), shared by the table, the map and the timeline:
// they live in the hash's query string, so switching page keeps the same filtered set.
import { config } from "./api.js";
import { el } from "./dom.js";

export const FILTER_NAMES = [
  "date_from", "date_to", "country", "admin1", "event_type", "sub_event_type", "actor",
  "source", "certainty", "bbox", "doc_id", "sort",
];

/** The filters present in a URLSearchParams, as a plain object. */
export function filtersFrom(query) {
  const filters = {};
  for (const name of FILTER_NAMES) {
    const value = query.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

function select(name, values, current, blank = "any") {
  return el("select", { name, id: `f-${name}` },
    el("option", { value: "" }, blank),
    values.map(([value, text]) => el("option", { value, selected: value === current }, text)));
}

/** The filter form; submitting navigates to `#/route?filters`. */
export async function filterForm(route, filters) {
  const vocab = await config();
  const pair = (v) => [v, v];
  const input = (name, type = "text", placeholder = "") =>
    el("input", { name, id: `f-${name}`, type, value: filters[name] || "", placeholder });
  const field = (label, control) => el("label", { className: "filter" }, el("span", {}, label), control);
  const form = el("form", { className: "filters", id: "filters" },
    field("From", input("date_from", "date")),
    field("To", input("date_to", "date")),
    field("Country", input("country")),
    field("Admin1", input("admin1")),
    field("Event type", select("event_type", vocab.event_types.map(pair), filters.event_type)),
    field("Sub-event type", select("sub_event_type", vocab.sub_event_types.map(pair), filters.sub_event_type)),
    field("Actor", input("actor", "text", "canonical name")),
    field("Source", input("source")),
    field("Certainty", select("certainty", vocab.certainty.map(pair), filters.certainty)),
    field("Bounding box", input("bbox", "text", "minlon,minlat,maxlon,maxlat")),
    field("Sort", select("sort", [["-event_date", "newest first"], ["event_date", "oldest first"],
      ["-fatalities", "most fatalities"], ["fatalities", "fewest fatalities"]], filters.sort, "default")),
    filters.doc_id ? el("input", { type: "hidden", name: "doc_id", value: filters.doc_id }) : null,
    el("div", { className: "filter-buttons" },
      el("button", { type: "submit", id: "apply-filters" }, "Apply"),
      el("a", { href: `#/${route}`, className: "button" }, "Clear")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (String(value).trim()) query.set(name, String(value).trim());
    }
    const text = query.toString();
    window.location.hash = text ? `#/${route}?${text}` : `#/${route}`;
  });
  return form;
}
