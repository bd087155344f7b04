// Clientside callbacks (namespace xk): the route and view gates that keep a link from the
// callbacks it does not concern, the language store, the table gates, and Play, which steps the
// year slider through the years that have data (each step goes through the normal year callback,
// so the map is patched, never rebuilt).

// The view shown for a link, as the server's parse_query reads it: the last `view=` that names a
// view container, else the first view (an over-long link gives the default view too).
function xkShownView(search) {
  const text = (search || "").replace(/^\?/, "");
  const first = document.querySelector("main section.view");
  const fallback = first ? first.id.slice("view-".length) : "map";
  if (text.length > 2000) { return fallback; }
  const values = new URLSearchParams(text).getAll("view");
  if (!values.length) { return fallback; }
  const wanted = values[values.length - 1].trim();
  const container = document.getElementById("view-" + wanted);
  return container && container.tagName === "SECTION" && container.classList.contains("view") ? wanted : fallback;
}

// True when the link asks for a language (the rule of langFromUrl) other than the page's: the
// shell is then drawn again in that language, with every view built from this link, so a view
// of the old page has nothing to redraw.
function xkOtherLanguage(search) {
  const values = new URLSearchParams((search || "").replace(/^\?/, "")).getAll("lang").filter(function (v) { return v !== ""; });
  if (!values.length) { return false; }
  const primary = values[values.length - 1].trim().toLowerCase().replace(/_/g, "-").split("-")[0];
  const main = document.getElementById("main");
  const page = main && main.closest("[lang]");
  return (primary === "zh" || primary === "en") && Boolean(page) && page.getAttribute("lang") !== primary;
}

function xkInitial() {
  const triggered = window.dash_clientside.callback_context.triggered || [];
  return !triggered.length || triggered[0].prop_id === ".";
}

window.dash_clientside = Object.assign({}, window.dash_clientside, {
  xk: {
    shownView: xkShownView,
    // The route gate (callbacks/router.py): the router runs only when the link shows another view
    // than the one it last showed; a click inside a view changes the link and costs the router nothing.
    routeGate: function (search, active, previous) {
      const seen = Boolean(previous && previous.seen);
      const n = previous && previous.n ? previous.n + 1 : 1;
      // Before the Location has reported the page's own query (it mounts without one), pass.
      if (xkInitial() || !seen || xkShownView(search) !== active) {
        return {search: search || "", seen: seen || typeof search === "string", n: n};
      }
      return window.dash_clientside.no_update;
    },
    // A view's gate (ViewSpec.query_id): the link reaches the view's callbacks only while the view
    // is the one the link shows, and only when it differs from what the view last took.
    viewGate: function (search, current, containerId) {
      const value = search || "";
      if (value === current || "view-" + xkShownView(value) !== containerId || xkOtherLanguage(value)) {
        return window.dash_clientside.no_update;
      }
      return value;
    },
    // The same for a view whose state includes the #fragment (ViewSpec.link_hash).
    viewGateWithHash: function (search, hash, current, containerId) {
      const value = (search || "") + (hash || "");
      if (value === current || "view-" + xkShownView(search || "") !== containerId || xkOtherLanguage(search)) {
        return window.dash_clientside.no_update;
      }
      return value;
    },
    // The presenter's "last view" (callbacks/present_view.py, remember_view): the link of the last
    // view shown that is not the present view itself; the server canonicalises it when it reads it.
    lastView: function (search) {
      // As raw_params reads it: the last non-empty `view=`.
      const values = new URLSearchParams((search || "").replace(/^\?/, "")).getAll("view").filter(function (v) { return v !== ""; });
      if (values.length && values[values.length - 1] === "present") {
        return window.dash_clientside.no_update;
      }
      return search || "";
    },
    // The county level of the map view: its callback is woken only by a link that shows or
    // showed a county map (`drill=`); other map clicks cost it no request.
    countyGate: function (link, current) {
      const has = function (text) { return new URLSearchParams((text || "").replace(/^\?/, "")).has("drill"); };
      if (link === current || !(has(link) || has(current))) {
        return window.dash_clientside.no_update;
      }
      return link || "";
    },
    // A table alternative's gate: while the table is open the link passes to its callback; a
    // closed table costs no request when the view state changes.
    tableGate: function (search, clicks) {
      if (!((clicks || 0) % 2)) { return window.dash_clientside.no_update; }
      return {search: search || "", clicks: clicks};
    },
    // The language store follows ?lang= (the last one; zh-CN, en_GB accepted; else kept), in the
    // browser: the server's url_lang (dashboard/callbacks/shell.py) does the same for the first render.
    langFromUrl: function (search, current) {
      const values = new URLSearchParams(search || "").getAll("lang").filter(function (v) { return v !== ""; });
      let wanted = null;
      if (values.length) {
        const tag = values[values.length - 1].trim().toLowerCase().replace(/_/g, "-");
        const primary = tag.split("-")[0];
        wanted = tag === "" ? "zh" : (primary === "zh" || primary === "en") ? primary : null;
      }
      wanted = wanted || current || "zh";
      const triggered = window.dash_clientside.callback_context.triggered || [];
      const initial = !triggered.length || triggered[0].prop_id === ".";
      return (!initial && wanted === current) ? window.dash_clientside.no_update : wanted;
    },
    play: function (clicks, ticks, year, marks, disabled, playLabel, pauseLabel) {
      const noUpdate = window.dash_clientside.no_update;
      const years = Object.keys(marks || {}).map(Number).sort((a, b) => a - b);
      const trigger = (window.dash_clientside.callback_context.triggered[0] || {}).prop_id || "";
      if (!years.length) {
        return [noUpdate, true, playLabel, "false"];
      }
      if (trigger.startsWith("play.")) {
        if (!disabled) {  // playing: pause
          return [noUpdate, true, playLabel, "false"];
        }
        // start; from the last year, start again at the first
        const start = year >= years[years.length - 1] ? years[0] : noUpdate;
        return [start, false, pauseLabel, "true"];
      }
      const next = years.find((y) => y > year);
      if (next === undefined) {
        return [noUpdate, true, playLabel, "false"];  // reached the last year: stop
      }
      const last = next === years[years.length - 1];
      return [next, last, last ? playLabel : pauseLabel, last ? "false" : "true"];
    },
  },
});
