// Keyboard paths (issue 15): skip links to the year and province controls of the visible view;
// chart toolbars out of the tab order (a chart is one tab stop: Enter opens its toolbar, Escape
// closes it); Enter in the year box of the map slider applies the year at once.
(function () {
  "use strict";
  const TOOLBAR_OPEN = "data-toolbar-open";

  function visible(el) {
    return !!el && el.getClientRects().length > 0 && !el.closest("[hidden]");
  }

  // Skip links name their targets as a selector list; the first visible one takes focus.
  document.addEventListener("click", function (event) {
    const link = event.target.closest && event.target.closest("a[data-skip-targets]");
    if (!link) { return; }
    const target = Array.from(document.querySelectorAll(link.getAttribute("data-skip-targets"))).find(visible);
    if (!target) { return; }
    event.preventDefault();
    target.focus();
    if (target.select) { target.select(); }  // typing a year replaces the shown one
    // A province box opens its list at once (whether or not the key that followed the link already
    // did), so the user types the name straight away.
    if (target.getAttribute("aria-haspopup") === "listbox") {
      setTimeout(function () {
        if (target.getAttribute("aria-expanded") !== "true") { target.click(); }
      }, 0);
    }
    // A table behind a disclosure (the trend's exact values) opens: the user came to read it.
    // A click, not `open = true`: the table is drawn when its summary's n_clicks says open.
    if (target.tagName === "SUMMARY" && target.parentElement && !target.parentElement.open) {
      target.click();
    }
    if (target.scrollIntoView) { target.scrollIntoView({block: "center"}); }
  });

  function toolbarButtons(graph) {
    return Array.from(graph.querySelectorAll(".modebar-btn"));
  }

  function setToolbar(graph, open) {
    graph.setAttribute(TOOLBAR_OPEN, open ? "true" : "false");
    toolbarButtons(graph).forEach(function (button) { button.tabIndex = open ? 0 : -1; });
  }

  // Plotly redraws its toolbar: keep closed toolbars out of the tab order after every redraw.
  function tame(root) {
    root.querySelectorAll(".dash-graph").forEach(function (graph) {
      if (!graph.hasAttribute("tabindex")) {
        graph.tabIndex = 0;
        graph.setAttribute("aria-description", graph.closest("[lang='zh']")
          ? "按回车键打开图表工具栏，按 Esc 关闭" : "Press Enter for the chart toolbar, Escape to close it");
      }
      const open = graph.getAttribute(TOOLBAR_OPEN) === "true";
      toolbarButtons(graph).forEach(function (button) {
        if (!open && button.tabIndex !== -1) { button.tabIndex = -1; }
      });
    });
  }

  new MutationObserver(function () { tame(document); })
    .observe(document.documentElement, {childList: true, subtree: true});

  document.addEventListener("keydown", function (event) {
    const el = event.target;
    if (event.key === "Enter" && el.classList && el.classList.contains("dash-graph")) {
      const open = el.getAttribute(TOOLBAR_OPEN) !== "true";
      setToolbar(el, open);
      const first = toolbarButtons(el)[0];
      if (open && first) { first.focus(); }
      event.preventDefault();
      return;
    }
    if (event.key === "Escape" && el.closest) {
      const graph = el.closest(".dash-graph[" + TOOLBAR_OPEN + "='true']");
      if (graph) { setToolbar(graph, false); graph.focus(); event.preventDefault(); }
      return;
    }
    // The slider's number box commits on blur only: Enter commits too, focus stays in the box.
    if (event.key === "Enter" && el.matches && el.matches(".dash-slider-container input[type='number']")) {
      el.blur();
      el.focus();
    }
  });
})();
