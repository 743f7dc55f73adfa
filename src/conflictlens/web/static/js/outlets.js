// Outlets side by side: how much each persuades and hedges (per 1,000 words), which techniques
// it uses, and how it labels each actor, in its own voice and in the voices it quotes.
import { apiPath, getJSON } from "./api.js";
import { el, replace } from "./dom.js";

const MEASURES = [
  ["documents", "documents"], ["words", "words"], ["events", "event reports"],
  ["techniques_per_1000_words", "techniques / 1,000 words"],
  ["hedges_per_1000_words", "hedges / 1,000 words"],
  ["unattributed_event_share", "share of events with no named source"],
];

const FORMAT = {
  unattributed_event_share: (v) => (typeof v === "number" ? `${Math.round(v * 100)}%` : v),
};

function labelText(counts) {
  return Object.entries(counts || {}).map(([label, n]) => `${label}${n > 1 ? ` ×${n}` : ""}`).join(", ");
}

export async function renderOutlets(root) {
  const summary = await getJSON(apiPath.outlets);
  const listed = Array.isArray(summary) ? summary : summary.items || [];
  // the summary may leave details out; the per-outlet endpoint has them
  const outlets = await Promise.all(listed.slice(0, 12).map(async (item) => {
    const name = item.source ?? item.name;
    if (item.labels && item.techniques) return item;
    return { ...item, ...(await getJSON(apiPath.outlet(name))) };
  }));
  if (!outlets.length) {
    replace(root, el("h2", {}, "Outlets"), el("p", { className: "hint" }, "No documents stored yet."));
    return;
  }
  const names = outlets.map((o) => o.source ?? o.name);
  const head = el("thead", {}, el("tr", {}, el("th", {}, ""), names.map((n) => el("th", { scope: "col" }, n))));
  const techniqueNames = [...new Set(outlets.flatMap((o) => Object.keys(o.techniques || {})))].sort();
  const actors = [...new Set(outlets.flatMap((o) => [...Object.keys(o.labels || {}), ...Object.keys(o.quoted_labels || {})]))].sort();
  const cell = (v) => el("td", { className: typeof v === "number" ? "num" : "" }, v ?? "—");

  replace(root,
    el("h2", {}, "Outlets"),
    el("table", { className: "outlets", id: "outlets-table" }, head.cloneNode(true),
      el("tbody", {},
        MEASURES.map(([key, name]) => el("tr", {}, el("th", { scope: "row" }, name),
          outlets.map((o) => cell(FORMAT[key] ? FORMAT[key](o[key]) : o[key])))),
        techniqueNames.map((t) => el("tr", { className: "technique" },
          el("th", { scope: "row" }, `${t.replaceAll("_", " ")} / 1,000 words`),
          outlets.map((o) => cell((o.techniques || {})[t])))))),
    el("h3", {}, "How each outlet labels the actors"),
    el("p", { className: "hint" }, "Own voice first; labels the outlet quotes others using are marked “quoted”."),
    el("table", { className: "outlets labels", id: "labels-table" }, head.cloneNode(true),
      el("tbody", {}, actors.map((actor) => el("tr", {},
        el("th", { scope: "row" }, actor),
        outlets.map((o) => el("td", {},
          labelText((o.labels || {})[actor]),
          (o.quoted_labels || {})[actor] ? el("div", { className: "quoted" }, `quoted: ${labelText(o.quoted_labels[actor])}`) : null)))))));
}
