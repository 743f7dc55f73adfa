// Article reader: the stored text with every extracted span highlighted, and a side panel of the
// records. Clicking a highlight shows the records covering it (innermost first); clicking a
// record highlights all of its evidence.
import { apiPath, getJSON } from "./api.js";
import { el, externalLink, fieldTable, replace, routeHref } from "./dom.js";
import { KINDS, collectRecords, segment } from "./spans.js";

const TYPE_NAMES = {
  event: "Events",
  actor: "Actors",
  place: "Places",
  relation: "Relations",
  quote: "Quotes",
  hedge: "Hedges",
  technique: "Techniques",
  label: "Labels",
};

const EVENT_FIELDS = [
  "event_date", "date_start", "date_end", "disorder_type", "event_type", "sub_event_type",
  "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "interaction", "civilian_targeting",
  "location", "admin1", "country", "latitude", "longitude", "geo_precision", "fatalities",
  "fatalities_low", "fatalities_high", "injuries", "certainty", "according_to", "source", "notes",
];

export async function renderReader(root, docId, query) {
  const doc = await getJSON(apiPath.document(docId));
  const text = doc.text || "";
  const { records, spans } = collectRecords(doc);
  const byKey = new Map(records.map((record) => [record.key, record]));
  const hidden = new Set();

  const textBox = el("div", { className: "article-text", id: "article-text" });
  const detail = el("section", { className: "record-detail", id: "record-detail" },
    el("p", { className: "hint" }, "Click a highlight or a record."));
  const list = el("nav", { className: "record-list", id: "record-list" });
  let current = null;

  const spanText = (span) => text.slice(span.start, span.end);

  function drawText() {
    const visible = spans.filter((span) => !hidden.has(span.kind));
    const children = segment(text.length, visible).map((seg) => {
      const piece = text.slice(seg.start, seg.end);
      if (seg.ids.length === 0) return piece;
      const covering = seg.ids.map((id) => spans[id]);
      covering.sort((a, b) => (a.end - a.start) - (b.end - b.start));
      const mark = el("mark", {
        className: `hl k-${covering[0].kind}${covering.length > 1 ? " multi" : ""}`,
        dataset: { spans: covering.map((span) => span.id).join(" ") },
        title: covering.map((span) => `${span.kind}${span.field ? ` (${span.field})` : ""}`).join(", "),
        tabIndex: 0,
        onclick: () => showCovering(covering),
        onkeydown: (event) => {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            showCovering(covering);
          }
        },
      }, piece);
      return mark;
    });
    replace(textBox, children);
    if (current) markActive(current);
  }

  function markActive(record, only) {
    const wanted = new Set((only || record.spans).map((span) => String(span.id)));
    let first = null;
    for (const mark of textBox.querySelectorAll("mark.hl")) {
      const hit = mark.dataset.spans.split(" ").some((id) => wanted.has(id));
      mark.classList.toggle("active", hit);
      if (hit && !first) first = mark;
    }
    for (const item of list.querySelectorAll("[data-record]")) {
      item.classList.toggle("selected", item.dataset.record === record.key);
    }
    return first;
  }

  function select(record, { scroll = true, only = null } = {}) {
    current = record;
    const first = markActive(record, only);
    if (scroll && first) first.scrollIntoView({ block: "center", behavior: "instant" });
    replace(detail, describe(record));
    detail.dataset.record = record.key;
  }

  function showCovering(covering) {
    const keys = [...new Set(covering.map((span) => span.record))];
    select(byKey.get(keys[0]), { scroll: false });
    if (keys.length > 1) {
      detail.append(el("div", { className: "also" }, el("h4", {}, "Also here"),
        el("ul", {}, keys.slice(1).map((key) => el("li", {},
          el("button", { type: "button", className: "linkish", onclick: () => select(byKey.get(key), { scroll: false }) },
            `${byKey.get(key).type}: ${byKey.get(key).title}`))))));
    }
  }

  function evidenceList(record) {
    if (record.spans.length === 0) return el("p", { className: "hint" }, "No evidence spans.");
    return el("ul", { className: "evidence" }, record.spans.map((span) => el("li", {},
      span.field ? el("span", { className: "field" }, span.field) : null,
      el("button", {
        type: "button", className: `quote k-${span.kind}`,
        onclick: () => select(record, { only: [span] }),
      }, spanText(span)),
      el("span", { className: "offsets" }, ` [${span.start}, ${span.end})`))));
  }

  function describe(record) {
    const data = record.data;
    const parts = [el("h3", {}, `${record.type}: ${record.title}`)];
    if (record.type === "event") {
      parts.push(fieldTable(EVENT_FIELDS.map((field) => [field, data[field]])));
      if (data.field_certainty && Object.keys(data.field_certainty).length) {
        parts.push(fieldTable(Object.entries(data.field_certainty).map(([k, v]) => [`${k} certainty`, v])));
      }
      parts.push(el("p", {}, el("a", { href: routeHref("events", null, { doc_id: docId }) }, "Events of this article in the table")));
    } else if (record.type === "actor") {
      const labels = (doc.framing?.labels || []).filter((label) => label.actor === data.name);
      parts.push(fieldTable([
        ["canonical name", data.name],
        ["as written", [...new Set(data.mentions.map((m) => m.surface))]],
        ["labels in this text", [...new Set(data.mentions.map((m) => m.label).filter(Boolean)
          .concat(labels.map((label) => label.label)))]],
      ]));
      parts.push(el("p", {}, el("a", { href: routeHref("actors", data.name) }, "Actor page and graph")));
    } else if (record.type === "place") {
      const place = data.mentions[0];
      parts.push(fieldTable([["name", place.name], ["country", place.country], ["admin1", place.admin1],
        ["feature", place.feature], ["lat", place.lat], ["lon", place.lon], ["geonameid", place.geonameid]]));
    } else if (record.type === "hedge") {
      const [start, end] = data.scope || [data.start, data.end];
      parts.push(fieldTable([["cue", data.cue], ["scope", text.slice(start, end)]]));
    } else {
      parts.push(fieldTable(Object.entries(data).filter(([k]) => k !== "start" && k !== "end")));
    }
    parts.push(el("h4", {}, "Evidence"), evidenceList(record));
    return parts;
  }

  // the record list, grouped by type
  const groups = new Map();
  for (const record of records) {
    if (!groups.has(record.type)) groups.set(record.type, []);
    groups.get(record.type).push(record);
  }
  for (const [type, group] of groups) {
    list.append(el("details", { open: type === "event" || type === "actor", className: `group g-${type}` },
      el("summary", {}, `${TYPE_NAMES[type] || type} (${group.length})`),
      el("ul", {}, group.map((record) => el("li", {},
        el("button", {
          type: "button", className: `record k-${record.spans[0]?.kind || type}`,
          dataset: { record: record.key },
          onclick: () => select(record),
        }, record.title, record.spans.length > 1 ? ` ×${record.spans.length}` : ""))))));
  }

  const legend = el("div", { className: "legend", id: "legend" }, KINDS.map(([kind, name]) =>
    el("label", { className: `swatch k-${kind}` },
      el("input", {
        type: "checkbox", checked: true, dataset: { kind },
        onchange: (event) => {
          if (event.target.checked) hidden.delete(kind); else hidden.add(kind);
          drawText();
        },
      }), name)));

  const meta = fieldTable([
    ["source", doc.source], ["published", doc.published], ["language", doc.language],
    ["url", externalLink(doc.url)], ["doc_id", doc.doc_id], ["warnings", doc.warnings],
  ], "fields meta");

  replace(root,
    el("div", { className: "reader" },
      el("article", { className: "article" },
        el("h2", {}, doc.title || doc.doc_id), meta, legend, textBox),
      el("aside", { className: "panel" }, detail, list)));
  drawText();

  const wantEvent = query.get("event");
  const wanted = query.get("record") ||
    (wantEvent && records.find((r) => r.type === "event" && r.data.event_id === wantEvent)?.key);
  if (wanted && byKey.has(wanted)) select(byKey.get(wanted));
}
