// The only module that talks to the server: the REST API under api/ (relative, so the UI also
// works behind a path prefix) and the page configuration.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function url(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== "") query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export async function getJSON(path, params) {
  const response = await fetch(url(path, params), { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const message = body && body.error && body.error.message
      ? body.error.message
      : `${path}: ${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message);
  }
  return body;
}

/** Follow next_cursor until `max` items or the end; returns {items, more}. */
export async function getAll(path, params, max = 2000) {
  const items = [];
  let cursor = null;
  do {
    const page = await getJSON(path, { ...params, limit: Math.min(1000, max - items.length), cursor });
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor && items.length < max);
  return { items, more: Boolean(cursor) };
}

/** A download link of the filtered set in another format (the API's `format` parameter). */
export function downloadUrl(path, params, format) {
  return url(path, { ...params, format });
}

let configPromise = null;
export function config() {
  configPromise ??= getJSON("ui/config.json");
  return configPromise;
}

export const apiPath = {
  documents: "api/documents",
  document: (id) => `api/documents/${encodeURIComponent(id)}`,
  events: "api/events",
  actors: "api/actors",
  actor: (name) => `api/actors/${encodeURIComponent(name)}`,
  actorGraph: (name) => `api/actors/${encodeURIComponent(name)}/graph`,
  outlets: "api/outlets",
  outlet: (name) => `api/outlets/${encodeURIComponent(name)}`,
};
