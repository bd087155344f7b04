// Clientside behaviour of the map view. Play steps the year slider through the years that have
// data; each step goes through the normal year callback, so the map is patched, never rebuilt.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  xk: {
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
