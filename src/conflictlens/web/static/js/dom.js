// DOM building without HTML strings: article text and every value from the store is hostile
// input, so it only ever reaches the page as text nodes and attribute values.

/**
 * el("a", {href: "#/x", className: "c", dataset: {id: "1"}, onclick: fn}, "text", child)
 * Children: strings (become text nodes), nodes, null/undefined (skipped), or arrays of these.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  setProps(node, props);
  append(node, children);
  return node;
}

/** The same for SVG elements (attributes, not properties). */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name.startsWith("on") && typeof value === "function") {
      node.addEventListener(name.slice(2), value);
    } else if (name === "dataset") {
      Object.assign(node.dataset, value);
    } else if (value !== null && value !== undefined) {
      node.setAttribute(name, String(value));
    }
  }
  append(node, children);
  return node;
}

function setProps(node, props) {
  for (const [name, value] of Object.entries(props)) {
    if (value === null || value === undefined) continue;
    if (name.startsWith("on") && typeof value === "function") {
      node.addEventListener(name.slice(2), value);
    } else if (name === "dataset") {
      Object.assign(node.dataset, value);
    } else if (name === "href") {
      node.setAttribute("href", safeHref(value));
    } else if (name === "style" || name === "innerHTML" || name === "outerHTML") {
      throw new Error(`el(): ${name} is not allowed`);
    } else if (name in node) {
      node[name] = value;
    } else {
      node.setAttribute(name, String(value));
    }
  }
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replace all children of node. */
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/**
 * Links from data (an article's url) may be `javascript:` or `data:`; only same-page hashes,
 * relative API paths and http(s) URLs become hrefs.
 */
export function safeHref(value) {
  const text = String(value);
  if (text.startsWith("#") || text.startsWith("api/")) return text;
  try {
    const url = new URL(text, window.location.href);
    if (url.protocol === "http:" || url.protocol === "https:") return url.href;
  } catch {
    // not a URL at all: fall through
  }
  return "#";
}

/** An external link from data: text always shown, clickable only when http(s). */
export function externalLink(url) {
  if (!url) return null;
  const href = safeHref(url);
  if (href === "#") return el("span", { className: "url" }, url);
  return el("a", { href, rel: "noopener noreferrer", target: "_blank", className: "url" }, url);
}

/** #/route/arg?query, with each part URI-encoded. */
export function routeHref(route, arg, query) {
  let href = `#/${route}`;
  if (arg !== undefined && arg !== null) href += `/${encodeURIComponent(arg)}`;
  const params = query instanceof URLSearchParams ? query : new URLSearchParams(query || {});
  const text = params.toString();
  return text ? `${href}?${text}` : href;
}

/** A small key/value table; empty values are left out. */
export function fieldTable(pairs, className = "fields") {
  const rows = pairs
    .filter(([, value]) => value !== null && value !== undefined && value !== "" &&
      !(Array.isArray(value) && value.length === 0))
    .map(([key, value]) =>
      el("tr", {}, el("th", { scope: "row" }, key),
        el("td", {}, value instanceof Node ? value : Array.isArray(value) ? value.join("; ") : String(value))));
  return el("table", { className }, el("tbody", {}, rows));
}
