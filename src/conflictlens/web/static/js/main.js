// Hash router: #/documents, #/doc/ID, #/events, #/map, #/timeline, #/actors[/NAME], #/outlets.
// Each view renders into <main> and may return a cleanup function (the map, the graph).
import { renderActors } from "./graph.js";
import { renderDocuments } from "./documents.js";
import { renderEvents } from "./events.js";
import { renderMap } from "./map.js";
import { renderOutlets } from "./outlets.js";
import { renderReader } from "./reader.js";
import { renderTimeline } from "./timeline.js";

const ROUTES = {
  documents: (root, arg, query) => renderDocuments(root, query),
  doc: (root, arg, query) => renderReader(root, arg, query),
  events: (root, arg, query) => renderEvents(root, query),
  map: (root, arg, query) => renderMap(root, query),
  timeline: (root, arg, query) => renderTimeline(root, query),
  actors: (root, arg, query) => renderActors(root, arg, query),
  outlets: (root) => renderOutlets(root),
};

let cleanup = null;
let generation = 0;

function parseHash() {
  const hash = window.location.hash.replace(/^#\/?/, "");
  const [path, search = ""] = hash.split("?", 2);
  const [route, ...rest] = path.split("/");
  const arg = rest.length ? decodeURIComponent(rest.join("/")) : null;
  return { route: route || "documents", arg, query: new URLSearchParams(search) };
}

function showStatus(text) {
  const status = document.getElementById("status");
  status.textContent = text || "";
  status.hidden = !text;
}

async function route() {
  const mine = ++generation;
  const { route: name, arg, query } = parseHash();
  const view = document.getElementById("view");
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  for (const link of document.querySelectorAll("nav a[data-route]")) {
    const active = link.dataset.route === name || (name === "doc" && link.dataset.route === "documents");
    link.classList.toggle("active", active);
  }
  const render = ROUTES[name];
  document.body.dataset.ready = "";
  // a fresh container per navigation: a slow earlier view finishing late writes into its own
  // detached container, never over the current page
  const root = document.createElement("div");
  root.className = `page page-${name}`;
  view.replaceChildren(root);
  showStatus(render ? "Loading…" : `No page '${name}'.`);
  if (!render) return;
  try {
    const done = await render(root, arg, query);
    if (mine !== generation) {
      if (typeof done === "function") done();
      return;
    }
    cleanup = typeof done === "function" ? done : null;
    showStatus("");
  } catch (error) {
    if (mine === generation) showStatus(error.message || String(error));
  }
  if (mine === generation) document.body.dataset.ready = name;
}

window.addEventListener("hashchange", route);
route();
