// The verrekijker Mini App: one page, the user's own data only, texts from the bot's catalogs.
// initData comes from Telegram.WebApp when its script is there, else from the URL fragment
// (#tgWebAppData=…), and travels only in the Authorization header of the data requests.
import { rose, scales } from "./charts.js";

const errors = (window.__sherpaErrors = []); // read by the browser tests
window.addEventListener("error", (e) => errors.push(String(e.message)));
window.addEventListener("unhandledrejection", (e) => errors.push(String(e.reason)));

const launch = new URLSearchParams(location.hash.slice(1));
const asked = new URLSearchParams(location.search);
const state = {
  level: asked.get("level") || "week", at: asked.get("at"), body: null, pick: null, seq: 0, focus: null,
};
const app = document.getElementById("app");
const MANY = 30; // the newest words first; the rest one tap away
const THEME = {
  bg_color: "--bg", text_color: "--text", hint_color: "--hint", link_color: "--link",
  button_color: "--accent", button_text_color: "--accent-text", secondary_bg_color: "--card",
};

function telegram() {
  return window.Telegram && window.Telegram.WebApp;
}

function initData() {
  const tg = telegram();
  return (tg && tg.initData) || launch.get("tgWebAppData") || "";
}

function themeParams() {
  const tg = telegram();
  if (tg && tg.themeParams && Object.keys(tg.themeParams).length) return tg.themeParams;
  try {
    return JSON.parse(launch.get("tgWebAppThemeParams") || "{}") || {};
  } catch {
    return {};
  }
}

function applyTheme() {
  const params = themeParams(), root = document.documentElement;
  for (const [key, name] of Object.entries(THEME)) {
    const value = params[key];
    if (typeof value === "string" && /^#[0-9a-f]{3,8}$/i.test(value)) root.style.setProperty(name, value);
  }
  const bg = params.bg_color, tg = telegram();
  if (tg && (tg.colorScheme === "dark" || tg.colorScheme === "light")) {
    root.dataset.scheme = tg.colorScheme;
  } else if (typeof bg === "string" && /^#[0-9a-f]{6}$/i.test(bg)) {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(bg.slice(i, i + 2), 16));
    root.dataset.scheme = 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? "dark" : "light";
  }
}

// Telegram's script only inside Telegram (its fragment names a version): elsewhere, and when
// it cannot load, the page works from the fragment alone and asks no third party for anything.
function loadTelegram() {
  if (!launch.get("tgWebAppVersion") || telegram()) return Promise.resolve();
  return new Promise((done) => {
    const script = document.createElement("script");
    script.src = "https://telegram.org/js/telegram-web-app.js";
    script.onload = script.onerror = () => done();
    document.head.appendChild(script);
  });
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "on") for (const [event, fn] of Object.entries(value)) node.addEventListener(event, fn);
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function say(key) {
  return (state.body && state.body.texts[key]) || "";
}

async function load(level, at, again = true) {
  const query = new URLSearchParams({ level });
  if (at) query.set("at", at);
  const mine = ++state.seq; // a quicker later tap wins over a slower earlier answer
  state.focus = document.activeElement && document.activeElement.dataset.key;
  app.setAttribute("aria-busy", "true");
  let response, body;
  try {
    response = await fetch("data?" + query, {
      headers: { Authorization: "tma " + initData() },
      cache: "no-store",
      credentials: "omit",
    });
    body = await response.json().catch(() => ({}));
  } catch {
    return mine === state.seq && show("failed", say("failed") || "…");
  }
  if (mine !== state.seq) return;
  if (response.status === 401) return show("unauthorized", body.message || "");
  if (response.status === 429) {
    // Asked too much at once: say so kindly, and ask once more when the moment has passed.
    if (again) setTimeout(() => mine === state.seq && load(level, at, false), 3000);
    return show("busy", body.message || say("failed") || "…");
  }
  if (!response.ok) return show("failed", say("failed") || "…");
  state.body = body;
  document.documentElement.lang = body.lang;
  if (body.empty) return show("empty");
  state.level = body.view.level;
  state.at = level === "day" ? body.view.first : at;
  state.pick = null;
  draw();
}

function show(kind, message = "") {
  app.replaceChildren();
  document.body.dataset.state = kind;
  app.setAttribute("aria-busy", "false");
  if (kind === "empty") {
    document.title = say("title");
    // The compass, still empty: where the path will show, instead of a blank chart.
    const quiet = Array.from({ length: 10 }, (_, i) => ({ number: i + 1, answers: 0, before: 0 }));
    app.append(el("section", { class: "card welcome" },
      el("h1", { text: say("empty_title") }), el("p", { text: say("empty_body") }),
      rose(quiet, () => {})));
  } else {
    app.append(el("p", { class: "status", role: "alert", text: message }));
  }
}

function zoomTo(index, at = state.at) {
  const levels = state.body.levels.map((l) => l.id);
  const level = levels[Math.max(0, Math.min(levels.length - 1, index))];
  if (level !== state.level || at !== state.at) load(level, at);
}

function zoom(by, at) {
  zoomTo(state.body.levels.findIndex((l) => l.id === state.level) + by, at);
}

function move(direction) {
  const target = state.body && !state.body.empty && state.body.view[direction];
  if (target) load(state.level, target);
}

function draw() {
  const { view, levels } = state.body;
  document.title = `${say("title")} · ${view.title}`;
  const navigation = el("nav", { class: "move", "aria-label": view.title },
    el("button", { type: "button", class: "arrow", "aria-label": say("previous"), text: "◀", "data-key": "previous",
      ...(view.previous ? {} : { disabled: "" }), on: { click: () => move("previous") } }),
    el("h1", { "aria-live": "polite", tabindex: "-1", text: view.title }),
    el("button", { type: "button", class: "arrow", "aria-label": say("next"), text: "▶", "data-key": "next",
      ...(view.next ? {} : { disabled: "" }), on: { click: () => move("next") } }));
  const index = levels.findIndex((l) => l.id === view.level);
  const steps = el("div", { class: "steps" },
    el("button", { type: "button", class: "step", "data-key": "in", text: `+ ${say("zoom_in")}`,
      ...(index > 0 ? {} : { disabled: "" }), on: { click: () => zoom(-1) } }),
    el("button", { type: "button", class: "step", "data-key": "out", text: `− ${say("zoom_out")}`,
      ...(index < levels.length - 1 ? {} : { disabled: "" }), on: { click: () => zoom(1) } }));
  const zoomBar = el("div", { class: "zoom", role: "group", "aria-label": say("zoom") },
    ...levels.map((l, i) => el("button", {
      type: "button", class: "level", "data-level": l.id, "data-key": l.id, text: l.label,
      "aria-pressed": String(l.id === view.level), on: { click: () => zoomTo(i) } })));
  const parts = [navigation, zoomBar, steps, compass(view), scaleChart(view), lenses(view),
    words(view), intentions(state.body.intentions || [])];
  app.replaceChildren(...parts.filter(Boolean));
  // Keyboard users keep their place: the control they used, or the new title.
  const again = state.focus && app.querySelector(`[data-key="${state.focus}"]:not([disabled])`);
  if (state.focus) (again || app.querySelector("h1")).focus();
  document.body.dataset.state = "ready";
  app.setAttribute("aria-busy", "false");
  if (!performance.getEntriesByName("sherpa-first-chart").length) performance.mark("sherpa-first-chart");
}

function pick(selection) {
  state.pick = selection;
  const old = document.getElementById("words");
  old.replaceWith(words(state.body.view));
  document.getElementById("words").focus();
}

function compass(view) {
  const quiet = view.answers === 0 ? el("p", { class: "hint", text: say("quiet") }) : null;
  const before = view.level === "all" ? null : el("span", {
    class: view.has_before ? "key before-key" : "", text: say(view.has_before ? "before" : "no_before") });
  const legend = el("p", { class: "legend" },
    el("span", { class: "key petal-key", text: say("this_period") }), before);
  const list = el("div", { class: "signposts" }, ...view.signposts.map((s) => el("button", {
    type: "button", class: "signpost", "aria-label": s.described, "data-signpost": s.number,
    "aria-pressed": String(state.pick?.signpost === s.number), on: { click: () => pick({ signpost: s.number }) },
  }, el("span", { class: "n", text: String(s.number) }), el("span", { class: "label", text: s.label }),
     el("span", { class: "count", text: String(s.answers) }))));
  return el("section", { class: "card", "aria-labelledby": "compass-title" },
    el("h2", { id: "compass-title", text: say("compass") }), quiet,
    rose(view.signposts, (n) => pick({ signpost: n })), legend,
    el("p", { class: "hint", text: say("compass_hint") }), list);
}

function scaleChart(view) {
  const scored = view.points.some((p) => p.energy !== null || p.boundaries !== null);
  const openPoint = (p) => (p.start === p.end ? load("day", p.start) : load("week", p.start));
  const section = el("section", { class: "card", "aria-labelledby": "scales-title" },
    el("h2", { id: "scales-title", text: say("scales") }),
    el("p", { class: "legend" }, el("span", { class: "key energy-key", text: say("energy") }),
      el("span", { class: "key boundaries-key", text: say("boundaries") })));
  if (!scored) section.append(el("p", { class: "hint", text: say("no_scales") }));
  else section.append(scales(view.points, openPoint));
  if ((view.level === "week" || view.level === "weeks") && view.days.length) {
    section.append(el("p", { class: "hint", text: say("scales_hint") }), el("div", { class: "days" },
      ...view.days.map((d) => el("button", { type: "button", class: "day", text: d.described,
        on: { click: () => load("day", d.date) } }))));
  } else if (view.level === "season" || view.level === "all") {
    // A season's thirteen weeks as buttons too; since the start, the chart and the zoom.
    section.append(el("p", { class: "hint", text: say("scales_hint_weeks") }));
    if (view.level === "season") {
      section.append(el("div", { class: "weeks" }, ...view.points.map((p) => el("button", {
        type: "button", class: "week", "aria-label": p.described, text: p.label,
        on: { click: () => load("week", p.start) } }))));
    }
  } else if (view.level === "day" && scored) {
    const p = view.points[0];
    section.append(el("p", { class: "values", text: p.described }));
  }
  return section;
}

function lenses(view) {
  return el("section", { class: "card", "aria-labelledby": "lenses-title" },
    el("h2", { id: "lenses-title", text: say("lenses") }),
    el("div", { class: "lenses" }, ...view.lenses.map((l) => el("button", {
      type: "button", class: "lens", "aria-pressed": String(state.pick?.lens === l.lens),
      on: { click: () => pick({ lens: l.lens, signposts: l.signposts }) },
    }, el("span", { class: "name", text: `${l.name} · ${l.count}` }),
       l.quote ? el("span", { class: "quote", text: `“${l.quote.text}”` }) : null))));
}

function words(view) {
  const chosen = view.quotes.filter((q) =>
    state.pick?.signpost ? q.signpost === state.pick.signpost
      : state.pick?.lens ? state.pick.signposts.includes(q.signpost) : true);
  const title = state.pick?.signpost
    ? view.signposts[state.pick.signpost - 1].title : say("words");
  const shown = state.pick?.all ? chosen.slice().reverse() : chosen.slice(-MANY).reverse();
  const items = shown.map((q) => el("li", {},
    el("blockquote", { text: q.text }),
    el("p", { class: "meta" }, el("span", { text: `${q.label} · ${q.question}` }), starButton(q))));
  const more = shown.length < chosen.length ? el("button", {
    type: "button", class: "more", text: say("more").replace("{n}", String(chosen.length)),
    on: { click: () => pick({ ...state.pick, all: true }) } }) : null;
  // Far out, only the newest words come along; the older ones are a zoom in away.
  const older = view.older ? el("p", { class: "hint older", text: say("older").replace("{n}", String(view.older)) }) : null;
  return el("section", { class: "card", id: "words", tabindex: "-1", "aria-live": "polite" },
    el("h2", { text: title }), el("p", { class: "hint", text: say("words_hint") }),
    items.length ? el("ul", { class: "quotes" }, ...items) : el("p", { class: "hint", text: say("no_words") }),
    more, older);
}

// Her intentions of the weekly talk, set in this period, each with how it went when she said.
function intentions(list) {
  if (!list.length) return null;
  return el("section", { class: "card", id: "intentions" },
    el("h2", { text: say("intentions") }), el("p", { class: "hint", text: say("intentions_hint") }),
    el("ul", { class: "quotes" }, ...list.map((i) => el("li", {},
      el("blockquote", { text: i.text }),
      el("p", { class: "meta", text: i.set_on }),
      i.outcome ? el("p", { class: "outcome", text: `${say("outcome")} “${i.outcome}”` }) : null))));
}

// The ⭐ beside each of her answers: to bring it to supervision (/supervisie), one tap on or off.
function starButton(q) {
  if (!q.answer) return null; // words of a heavy day get no star
  const button = el("button", { type: "button", class: "star", "data-answer": String(q.answer) });
  const paint = () => {
    button.setAttribute("aria-pressed", String(q.starred));
    button.setAttribute("aria-label", say(q.starred ? "unstar" : "star"));
    button.textContent = q.starred ? "★" : "☆"; // drawn by any font, unlike the ⭐ emoji
  };
  paint();
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const response = await fetch("star", {
        method: "POST",
        headers: { Authorization: "tma " + initData(), "Content-Type": "application/json" },
        body: JSON.stringify({ answer: q.answer, starred: !q.starred }),
        cache: "no-store",
        credentials: "omit",
      });
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        // The same answer may show twice (a lens and the words): both follow.
        for (const other of state.body.view.quotes) if (other.answer === q.answer) other.starred = body.starred;
        q.starred = body.starred;
      }
    } catch {
      // Offline for a moment: the star stays as it was, and says so by not changing.
    } finally {
      button.disabled = false;
      paint();
    }
  });
  return button;
}

// Touch: pinch to zoom (two fingers), swipe to move through time; keys do the same.
let touch = null;
app.addEventListener("touchstart", (e) => {
  const points = [...e.touches].map((t) => [t.clientX, t.clientY]);
  touch = { points, spread: points.length === 2 ? Math.hypot(points[0][0] - points[1][0], points[0][1] - points[1][1]) : 0 };
}, { passive: true });
app.addEventListener("touchmove", (e) => {
  if (touch && e.touches.length === 2) {
    touch.now = Math.hypot(e.touches[0].clientX - e.touches[1].clientX, e.touches[0].clientY - e.touches[1].clientY);
  }
}, { passive: true });
app.addEventListener("touchend", (e) => {
  if (!touch || !state.body || state.body.empty) return;
  if (touch.spread && touch.now) {
    if (touch.now / touch.spread > 1.25) zoom(-1);
    else if (touch.now / touch.spread < 0.8) zoom(1);
  } else if (touch.points.length === 1 && e.changedTouches.length) {
    const dx = e.changedTouches[0].clientX - touch.points[0][0];
    const dy = e.changedTouches[0].clientY - touch.points[0][1];
    if (Math.abs(dx) > 60 && Math.abs(dy) < 40) move(dx > 0 ? "previous" : "next");
  }
  touch = null;
});
document.addEventListener("keydown", (e) => {
  if (!state.body || state.body.empty || e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.key === "ArrowLeft") move("previous");
  else if (e.key === "ArrowRight") move("next");
  else if (e.key === "+" || e.key === "=") zoom(-1);
  else if (e.key === "-") zoom(1);
});
let lastWheel = 0;
window.addEventListener("wheel", (e) => {
  if (!e.ctrlKey || !state.body || state.body.empty) return; // a trackpad pinch
  e.preventDefault();
  if (e.timeStamp - lastWheel < 500) return; // one level per gesture
  lastWheel = e.timeStamp;
  zoom(e.deltaY < 0 ? -1 : 1);
}, { passive: false });

applyTheme();
loadTelegram().then(() => {
  const tg = telegram();
  if (tg) {
    tg.ready();
    tg.expand();
    tg.onEvent("themeChanged", applyTheme);
    applyTheme();
  }
  return load(state.level, state.at);
});
