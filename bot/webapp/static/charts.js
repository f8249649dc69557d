// The two pictures, as SVG built with the DOM (no innerHTML, no inline style: the CSP forbids
// both): the compass rose of the ten signposts and energie/grenzen over time.
const SVG = "http://www.w3.org/2000/svg";

export function svg(tag, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (parent) parent.appendChild(node);
  return node;
}

function polar(cx, cy, r, angle) {
  // Angle in radians from north, clockwise, like a compass.
  return [cx + r * Math.sin(angle), cy - r * Math.cos(angle)];
}

function wedge(cx, cy, r, middle, width) {
  if (r <= 0) return "";
  const [x1, y1] = polar(cx, cy, r, middle - width / 2);
  const [x2, y2] = polar(cx, cy, r, middle + width / 2);
  return `M${cx},${cy} L${x1.toFixed(1)},${y1.toFixed(1)} A${r},${r} 0 0 1 ${x2.toFixed(1)},${y2.toFixed(1)} Z`;
}

// Petals: this period's answers per signpost; dashed outlines: the mean of the periods before.
export function rose(signposts, onPick) {
  const size = 300, c = size / 2, outer = 112;
  const root = svg("svg", { viewBox: `0 0 ${size} ${size}`, class: "rose", "aria-hidden": "true" });
  const top = Math.max(1, ...signposts.map((s) => s.answers), ...signposts.map((s) => s.before));
  const step = (2 * Math.PI) / signposts.length;
  for (let ring = 1; ring <= 3; ring++) svg("circle", { cx: c, cy: c, r: (outer * ring) / 3, class: "grid" }, root);
  signposts.forEach((s, i) => {
    const middle = i * step;
    const group = svg("g", { class: "sector", "data-signpost": s.number }, root);
    svg("path", { d: wedge(c, c, outer, middle, step), class: "hit" }, group);
    const petal = wedge(c, c, (outer * s.answers) / top, middle, step * 0.82);
    if (petal) svg("path", { d: petal, class: "petal" }, group);
    const before = wedge(c, c, (outer * s.before) / top, middle, step * 0.82);
    if (before) svg("path", { d: before, class: "before" }, group);
    const [x, y] = polar(c, c, outer + 20, middle);
    const label = svg("text", { x: x.toFixed(1), y: (y + 5).toFixed(1), class: "label" }, group);
    label.textContent = String(s.number);
    group.addEventListener("click", () => onPick(s.number));
  });
  return root;
}

// Energie and grenzen on the 1–5 scale; a day without a score is bridged, not a break.
export function scales(points, onPick) {
  const width = 320, height = 150, left = 22, right = 10, topPad = 10, bottom = 26;
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "scales", "aria-hidden": "true" });
  const x = (i) => left + (points.length < 2 ? (width - left - right) / 2 : (i * (width - left - right)) / (points.length - 1));
  const y = (v) => topPad + ((5 - v) * (height - topPad - bottom)) / 4;
  for (let v = 1; v <= 5; v++) {
    svg("line", { x1: left, x2: width - right, y1: y(v), y2: y(v), class: "grid" }, root);
    const tick = svg("text", { x: 4, y: y(v) + 4, class: "tick" }, root);
    tick.textContent = String(v);
  }
  const every = Math.max(1, Math.ceil(points.length / 7));
  points.forEach((p, i) => {
    if (i % every === 0) {
      const label = svg("text", { x: x(i), y: height - 8, class: "tick day" }, root);
      label.textContent = p.label;
    }
    const hit = svg("rect", { x: x(i) - 12, y: 0, width: 24, height: height - bottom + 4, class: "hit" }, root);
    hit.addEventListener("click", () => onPick(p));
  });
  for (const scale of ["energy", "boundaries"]) {
    const present = points.map((p, i) => [i, p[scale]]).filter(([, v]) => v !== null);
    if (present.length > 1) {
      const line = present.map(([i, v]) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
      svg("polyline", { points: line, class: `line ${scale}` }, root);
    }
    for (const [i, v] of present) {
      const dot = svg("circle", { cx: x(i), cy: y(v), r: 4.5, class: `dot ${scale}` }, root);
      dot.addEventListener("click", () => onPick(points[i]));
    }
  }
  return root;
}
