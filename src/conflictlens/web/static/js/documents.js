// Stored articles: search by title/text and source, open one in the reader.
import { apiPath, getJSON } from "./api.js";
import { el, replace, routeHref } from "./dom.js";

export async function renderDocuments(root, query) {
  const q = query.get("q") || "";
  const source = query.get("source") || "";
  const tbody = el("tbody", {});
  const more = el("button", { type: "button", id: "docs-more", hidden: true }, "Load more");
  let cursor = null;

  async function load() {
    const page = await getJSON(apiPath.documents, { q, source, limit: 100, cursor });
    for (const doc of page.items) {
      tbody.append(el("tr", { className: "doc-row" },
        el("td", {}, el("a", { href: routeHref("doc", doc.doc_id), className: "doc-link" }, doc.title || doc.doc_id)),
        el("td", {}, doc.source || ""), el("td", {}, doc.published || ""),
        el("td", { className: "num" }, String(doc.events ?? ""))));
    }
    cursor = page.next_cursor;
    more.hidden = !cursor;
  }
  more.addEventListener("click", () => load());

  const form = el("form", { className: "filters" },
    el("label", { className: "filter" }, el("span", {}, "Search"), el("input", { type: "search", name: "q", value: q })),
    el("label", { className: "filter" }, el("span", {}, "Source"), el("input", { type: "text", name: "source", value: source })),
    el("div", { className: "filter-buttons" }, el("button", { type: "submit" }, "Search")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (String(v).trim()) params.set(k, String(v).trim());
    window.location.hash = routeHref("documents", null, params);
  });
  replace(root, el("h2", {}, "Articles"), form,
    el("table", { className: "documents", id: "documents-table" },
      el("thead", {}, el("tr", {}, ["Title", "Source", "Published", "Events"].map((h) => el("th", { scope: "col" }, h)))),
      tbody),
    more);
  await load();
}
