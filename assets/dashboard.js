// Clientside behaviour of the map view. Play steps the year slider through the years that have
// data; each step goes through the normal year callback, so the map is patched, never rebuilt.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  xk: {
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
