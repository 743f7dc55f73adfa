// Actors: a searchable list, and for one actor its relation graph (cytoscape, drawn on canvas:
// labels never become HTML), its relations with sources, and its events. Hovering an edge shows
// the relation type and the outlets that reported it.
import cytoscape from "../vendor/cytoscape/cytoscape.esm.min.mjs";
import { apiPath, getAll, getJSON } from "./api.js";
import { el, fieldTable, replace, routeHref } from "./dom.js";

const GRAPH_STYLE = [
  { selector: "node", style: {
    label: "data(label)", "font-size": 11, "text-wrap": "wrap", "text-max-width": 120,
    "background-color": "#5b7c99", width: 18, height: 18, color: "#222" } },
  { selector: "node[kind = 'person']", style: { "background-color": "#8e7cc3", shape: "round-rectangle" } },
  { selector: "node[kind = 'place'], node[kind = 'country']", style: { "background-color": "#6aa84f", shape: "diamond" } },
  { selector: "node[kind = 'year']", style: { "background-color": "#bbbbbb", shape: "tag" } },
  { selector: "node.focus", style: { "background-color": "#c0392b", width: 26, height: 26 } },
  { selector: "edge", style: {
    label: "data(predicate)", "font-size": 9, "curve-style": "bezier", "target-arrow-shape": "triangle",
    width: 1.5, "line-color": "#999", "target-arrow-color": "#999", color: "#555",
    "text-background-color": "#fff", "text-background-opacity": 0.8 } },
  { selector: "edge[?symmetric]", style: { "target-arrow-shape": "none" } },
  { selector: "edge.hover", style: { "line-color": "#c0392b", "target-arrow-color": "#c0392b", width: 3 } },
  { selector: "node.hover", style: { "border-width": 3, "border-color": "#e67e22" } },
];

/** What the hover line says about a relation: its type, how sure, who reported it, and where. */
function relationText(edge) {
  const data = edge.data();
  const sources = (data.sources || []).filter(Boolean);
  const voices = (data.voices || []).filter((v) => v && v !== "outlet");
  return [
    `${edge.source().data("label")} —${data.predicate}→ ${edge.target().data("label")}`,
    data.certainty,
    `sources: ${sources.length ? sources.join(", ") : "none recorded"}`,
    voices.length ? `quoting: ${voices.join(", ")}` : "",
    data.claims ? `${data.claims} claim${data.claims === 1 ? "" : "s"}` : "",
    data.first_date ? `${data.first_date}${data.last_date && data.last_date !== data.first_date ? ` – ${data.last_date}` : ""}` : "",
    data.evidence ? `“${data.evidence}”` : "",
  ].filter(Boolean).join(" · ");
}

async function actorList(query) {
  const q = query.get("q") || "";
  // the registry is small (thousands); actors named in stored events first
  const page = await getAll(apiPath.actors, { q }, 5000);
  const form = el("form", { className: "actor-search" },
    el("input", { type: "search", name: "q", value: q, placeholder: "search actors", id: "actor-q" }),
    el("button", { type: "submit" }, "Search"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = form.elements.q.value.trim();
    window.location.hash = value ? `#/actors?q=${encodeURIComponent(value)}` : "#/actors";
  });
  const items = [...page.items].sort((a, b) => (b.events || 0) - (a.events || 0));
  return { form, items, list: el("ul", { className: "actor-list", id: "actor-list" }, items.map((actor) =>
    el("li", {}, el("a", { href: routeHref("actors", actor.name) }, actor.name),
      el("span", { className: "hint" }, ` ${actor.events || 0} event${actor.events === 1 ? "" : "s"}`)))) };
}

export async function renderActors(root, name, query) {
  const { form, items, list } = await actorList(query);
  const target = name || items[0]?.name;
  const main = el("section", { className: "actor-main" });
  replace(root, el("h2", {}, "Actors"),
    el("div", { className: "actors" }, el("aside", { className: "panel" }, form, list), main));
  if (!target) {
    main.append(el("p", { className: "hint" }, "No actors stored yet."));
    return undefined;
  }
  return renderActor(main, target, query);
}

async function renderActor(main, name, query) {
  const depth = Math.max(1, Math.min(3, Number(query.get("depth")) || 2));
  const [actor, graph] = await Promise.all([
    getJSON(apiPath.actor(name)),
    getJSON(apiPath.actorGraph(name), { depth }),
  ]);
  const box = el("div", { className: "graph", id: "graph" });
  const hover = el("p", { className: "graph-hover", id: "graph-hover" }, "Hover an edge for its relation type and sources; click it to read the article.");
  const depthSelect = el("select", { id: "graph-depth" }, [1, 2, 3].map((d) =>
    el("option", { value: d, selected: d === depth }, `depth ${d}`)));
  depthSelect.addEventListener("change", () => {
    window.location.hash = routeHref("actors", name, { depth: depthSelect.value });
  });

  replace(main,
    el("h3", {}, actor.name),
    fieldTable([["type", actor.type], ["inter", actor.inter], ["country", actor.country],
      ["aliases", actor.aliases]]),
    el("div", { className: "graph-tools" }, depthSelect, hover),
    box,
    el("h4", {}, `Relations (${(actor.relations || []).length})`),
    el("table", { className: "relations", id: "relations-table" },
      el("thead", {}, el("tr", {}, ["subject", "predicate", "object", "certainty", "voice", "source", "count", ""].map((h) => el("th", {}, h)))),
      el("tbody", {}, (actor.relations || []).map((r) => el("tr", {},
        [r.subject, r.predicate, r.object, r.certainty, r.voice, r.source, r.count].map((v) => el("td", {}, v ?? "")),
        el("td", {}, r.doc_id ? el("a", { href: routeHref("doc", r.doc_id) }, "read") : ""))))),
    el("h4", {}, `Events (${(actor.events || []).length})`),
    el("ul", { className: "actor-events" }, (actor.events || []).slice(0, 200).map((e) => el("li", {},
      el("a", { href: routeHref("doc", e.doc_id, { event: e.event_id }) },
        `${e.event_date || "undated"} · ${e.sub_event_type} · ${[e.actor1, e.actor2].filter(Boolean).join(" vs ")} · ${e.location}`)))));

  const elements = [
    ...(graph.nodes || []).map((node) => ({
      data: { id: String(node.id), label: String(node.label ?? node.id), kind: node.kind || "actor",
        type: node.type || "" },
      classes: String(node.label ?? node.id) === actor.name ? "focus" : "",
    })),
    ...(graph.links || []).map((link, i) => ({
      data: { id: `e${i}`, source: String(link.source), target: String(link.target),
        predicate: link.predicate || link.key || "", sources: link.sources || [],
        voices: link.voices || [], certainty: link.certainty || "", claims: link.claims || 0,
        first_date: link.first_date || "", last_date: link.last_date || "",
        evidence: link.evidence || "", symmetric: Boolean(link.symmetric), doc_ids: link.doc_ids || [] },
    })),
  ];
  const cy = cytoscape({
    container: box, elements, style: GRAPH_STYLE,
    // rings around the actor: its direct relations, then theirs (deterministic, unlike a
    // force layout, so the same store always draws the same picture)
    layout: {
      name: "concentric", animate: false, minNodeSpacing: 60, levelWidth: () => 1,
      concentric: (node) => (node.hasClass("focus") ? 3 : node.neighborhood(".focus").length ? 2 : 1),
    },
  });
  cy.on("mouseover", "edge", (event) => {
    event.target.addClass("hover");
    hover.textContent = relationText(event.target);
  });
  cy.on("mouseover", "node", (event) => {
    event.target.addClass("hover");
    const data = event.target.data();
    hover.textContent = `${data.label}${data.type ? ` (${data.type.replaceAll("_", " ")})` : ""} · ` +
      `${event.target.degree()} relations${data.kind === "actor" ? " · click to open" : ""}`;
  });
  cy.on("mouseout", "edge, node", (event) => event.target.removeClass("hover"));
  cy.on("tap", "node[kind = 'actor']", (event) => {
    window.location.hash = routeHref("actors", event.target.data("label"));
  });
  cy.on("tap", "edge", (event) => {
    const [first] = event.target.data("doc_ids");
    if (first) window.location.hash = routeHref("doc", first);
  });
  box.dataset.nodes = String(cy.nodes().length);
  box.dataset.edges = String(cy.edges().length);
  return () => cy.destroy();
}
