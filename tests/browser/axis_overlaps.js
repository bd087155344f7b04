// Every visible chart's axis titles against the tick labels of the same axis and the legend items:
// a list of overlaps.
() => {
  const hit = (a, b) => a.width > 0 && b.width > 0 && a.left < b.right && b.left < a.right
    && a.top < b.bottom && b.top < a.bottom;
  const out = {charts: 0, titles: 0, overlaps: []};
  document.querySelectorAll(".js-plotly-plot").forEach(function (plot) {
    if (!plot.getClientRects().length || plot.closest("[hidden]")) { return; }
    out.charts += 1;
    plot.querySelectorAll('g[class^="g-"][class$="title"]').forEach(function (group) {
      const axis = group.getAttribute("class").slice(2, -5);  // g-ytitle -> y, g-y2title -> y2
      if (!/^[xy]\d*$/.test(axis)) { return; }                 // g-gtitle is the chart title
      const title = group.querySelector("text");
      if (!title || !title.textContent.trim()) { return; }
      out.titles += 1;
      const box = title.getBoundingClientRect();
      plot.querySelectorAll("g." + axis + "tick text").forEach(function (tick) {
        if (hit(box, tick.getBoundingClientRect())) {
          out.overlaps.push((plot.closest("[id]") || {}).id + ": '" + title.textContent + "' over tick '"
                            + tick.textContent + "'");
        }
      });
      plot.querySelectorAll("g.legend g.traces").forEach(function (item) {
        if (hit(box, item.getBoundingClientRect())) {
          out.overlaps.push((plot.closest("[id]") || {}).id + ": '" + title.textContent + "' over legend '"
                            + item.textContent + "'");
        }
      });
    });
  });
  return out;
}
