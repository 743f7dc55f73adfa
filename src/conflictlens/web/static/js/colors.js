// One colour per ACLED event type, shared by the map, the timeline and the table.
const COLORS = {
  Battles: "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  Protests: "#2980b9",
  Riots: "#16a085",
  "Strategic developments": "#7f8c8d",
};

export function eventColor(eventType) {
  return COLORS[eventType] || "#34495e";
}

export const EVENT_TYPE_COLORS = Object.entries(COLORS);

/** A small coloured dot (colour set through the CSSOM, which the CSP allows, not a style attribute). */
export function swatch(eventType) {
  const dot = document.createElement("span");
  dot.className = "dot";
  dot.style.backgroundColor = eventColor(eventType);
  return dot;
}
