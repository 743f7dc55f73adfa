// Timeline: one dot per dated event, dots that would touch stacked, coloured by event type, sized by
// fatalities. Plain SVG built element by element.
import { apiPath, getAll } from "./api.js";
import { eventColor } from "./colors.js";
import { el, replace, routeHref, svg } from "./dom.js";
import { filterForm, filtersFrom } from "./filters.js";

const DAY = 86400000;
const WIDTH = 1000;
const MARGIN = { left: 40, right: 30, top: 20, bottom: 40 };

const MONTH_STEPS = [1, 3, 6, 12, 24, 60, 120];

/** Tick dates on round boundaries: days or weeks for short spans, first of months/years else. */
function ticks(min, max, count = 8) {
  const days = (max - min) / DAY;
  if (days <= count * 7) {
    const step = days <= count ? DAY : 7 * DAY;
    const out = [];
    for (let t = Math.ceil(min / DAY) * DAY; t <= max; t += step) out.push(t);
    return out;
  }
  const months = days / 30.44;
  const step = MONTH_STEPS.find((m) => months / m <= count) || 240;
  const start = new Date(min);
  let year = start.getUTCFullYear();
  let month = Math.ceil((start.getUTCMonth() + (start.getUTCDate() > 1 ? 1 : 0)) / step) * step;
  const out = [];
  for (;;) {
    const t = Date.UTC(year + Math.floor(month / 12), month % 12, 1);
    if (t > max) return out;
    if (t >= min) out.push(t);
    month += step;
  }
}

/** The lowest row where a dot at x does not touch the dots already placed there. */
function freeRow(rows, x, gap) {
  let row = 0;
  while ((rows[row] || []).some((other) => Math.abs(other - x) < gap)) row += 1;
  (rows[row] ||= []).push(x);
  return row;
}

export async function renderTimeline(root, query) {
  const filters = filtersFrom(query);
  const holder = el("div", { className: "timeline", id: "timeline" });
  const note = el("p", { className: "count", id: "timeline-count" });
  replace(root, el("h2", {}, "Timeline"), await filterForm("timeline", filters), note, holder);

  const { items, more } = await getAll(apiPath.events, filters, 5000);
  const dated = items.filter((e) => e.event_date && !Number.isNaN(Date.parse(e.event_date)))
    .sort((a, b) => a.event_date.localeCompare(b.event_date));
  note.textContent = `${dated.length} dated events` +
    (items.length > dated.length ? `, ${items.length - dated.length} undated` : "") +
    (more ? " (first 5000 of the filtered set)" : "");
  if (!dated.length) return;

  const times = dated.map((e) => Date.parse(e.event_date));
  const min = Math.min(...times) - DAY;
  const max = Math.max(...times) + DAY;
  const x = (t) => MARGIN.left + ((t - min) / (max - min)) * (WIDTH - MARGIN.left - MARGIN.right);
  const placed = [];
  const dots = dated.map((event, i) => ({ event, cx: x(times[i]), level: freeRow(placed, x(times[i]), 24) }));
  const rows = placed.length;
  const height = MARGIN.top + MARGIN.bottom + rows * 26;
  const axisY = height - MARGIN.bottom;

  const chart = svg("svg", { viewBox: `0 0 ${WIDTH} ${height}`, class: "timeline-svg", role: "img" },
    svg("title", {}, "Events by date"),
    svg("line", { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: axisY, y2: axisY, class: "axis" }),
    ticks(min, max).map((t) => svg("g", {},
      svg("line", { x1: x(t), x2: x(t), y1: axisY, y2: axisY + 5, class: "axis" }),
      svg("text", { x: x(t), y: axisY + 20, "text-anchor": "middle", class: "tick" },
        new Date(t).toISOString().slice(0, 10)))),
    dots.map(({ event, cx, level }) => svg("a", { href: routeHref("doc", event.doc_id, { event: event.event_id }) },
      svg("circle", {
        cx, cy: axisY - 14 - level * 26, r: Math.min(12, 4 + 2 * Math.sqrt(event.fatalities || 0)),
        fill: eventColor(event.event_type), class: "event-dot",
      }, svg("title", {}, `${event.event_date} · ${event.sub_event_type} · ${[event.actor1, event.actor2].filter(Boolean).join(" vs ")} · ${event.location} · fatalities ${event.fatalities}`)))));
  holder.append(chart);
}
