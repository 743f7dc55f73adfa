// A Document's records and their character spans, and the text cut into segments at every span
// boundary, so overlapping highlights (a date inside a quote inside a technique) all stay
// clickable: each segment knows every span that covers it.

/** Highlight kinds, in legend order. Event evidence fields map onto the kind of what they are. */
export const KINDS = [
  ["event", "Event trigger"],
  ["date", "Date"],
  ["number", "Number"],
  ["actor", "Actor"],
  ["place", "Place"],
  ["quote", "Quote"],
  ["hedge", "Hedge / source"],
  ["technique", "Technique"],
  ["label", "Label"],
  ["relation", "Relation"],
];

function evidenceKind(field) {
  if (/^(actor|assoc_actor)/.test(field)) return "actor";
  if (/^(location|country|admin|geo)/.test(field)) return "place";
  if (/^(event_date|date_|time_)/.test(field)) return "date";
  if (/^(fatalities|injuries)/.test(field)) return "number";
  if (/^(certainty|according_to)/.test(field)) return "hedge";
  return "event";
}

/**
 * Records of one Document, each {key, type, title, data, spans}; spans are
 * {id, kind, start, end, field?, record} with `record` the owning record's key.
 * Actor mentions are grouped by canonical name and places by name: one record, many spans.
 */
export function collectRecords(doc) {
  const records = [];
  const spans = [];
  const add = (type, title, data) => {
    const record = { key: `${type}:${records.length}`, type, title, data, spans: [] };
    records.push(record);
    return record;
  };
  const addSpan = (record, kind, start, end, field) => {
    if (!(Number.isInteger(start) && Number.isInteger(end) && start < end)) return;
    const span = { id: spans.length, kind, start, end, field, record: record.key };
    spans.push(span);
    record.spans.push(span);
  };

  (doc.events || []).forEach((event) => {
    const title = [event.event_date, event.sub_event_type || event.event_type, event.location]
      .filter(Boolean).join(" · ");
    const record = add("event", title || event.event_id, event);
    for (const [field, pairs] of Object.entries(event.evidence || {})) {
      for (const [start, end] of pairs) addSpan(record, evidenceKind(field), start, end, field);
    }
  });

  const actors = new Map();
  for (const mention of doc.actors || []) {
    if (!actors.has(mention.name)) {
      actors.set(mention.name, add("actor", mention.name, { name: mention.name, mentions: [] }));
    }
    const record = actors.get(mention.name);
    record.data.mentions.push(mention);
    addSpan(record, "actor", mention.start, mention.end);
  }

  const places = new Map();
  for (const place of doc.places || []) {
    const name = place.name;
    if (!places.has(name)) places.set(name, add("place", name, { name, mentions: [] }));
    const record = places.get(name);
    record.data.mentions.push(place);
    addSpan(record, "place", place.start, place.end);
  }

  for (const relation of doc.relations || []) {
    const record = add("relation", `${relation.subject} ${relation.predicate} ${relation.object}`, relation);
    addSpan(record, "relation", relation.start, relation.end);
  }
  const framing = doc.framing || {};
  for (const quote of framing.quotes || []) {
    addSpan(add("quote", quote.speaker, quote), "quote", quote.start, quote.end);
  }
  for (const hedge of framing.hedges || []) {
    addSpan(add("hedge", hedge.cue, hedge), "hedge", hedge.start, hedge.end);
  }
  for (const technique of framing.techniques || []) {
    addSpan(add("technique", technique.technique.replaceAll("_", " "), technique), "technique",
      technique.start, technique.end);
  }
  for (const label of framing.labels || []) {
    addSpan(add("label", `${label.actor}: “${label.label}”`, label), "label", label.start, label.end);
  }
  return { records, spans };
}

/**
 * Cut [0, length) at every span boundary. Returns [{start, end, ids}] covering the whole text,
 * `ids` the spans covering that segment (empty for plain text). Spans are clipped to the text.
 */
export function segment(length, spans) {
  const opens = new Map();
  const closes = new Map();
  const bounds = new Set([0, length]);
  for (const span of spans) {
    const start = Math.max(0, Math.min(length, span.start));
    const end = Math.max(0, Math.min(length, span.end));
    if (start >= end) continue;
    bounds.add(start);
    bounds.add(end);
    if (!opens.has(start)) opens.set(start, []);
    if (!closes.has(end)) closes.set(end, []);
    opens.get(start).push(span.id);
    closes.get(end).push(span.id);
  }
  const sorted = [...bounds].sort((a, b) => a - b);
  const active = new Set();
  const segments = [];
  for (let i = 0; i < sorted.length - 1; i += 1) {
    const at = sorted[i];
    for (const id of closes.get(at) || []) active.delete(id);
    for (const id of opens.get(at) || []) active.add(id);
    segments.push({ start: at, end: sorted[i + 1], ids: [...active] });
  }
  return segments;
}
