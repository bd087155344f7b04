/* Files the browser would drop without a word, reported so the page can say why.
 *
 * dcc.Upload silently ignores a file over its max_size or not in its accept list, and a
 * request the server refuses as too large (HTTP 413) ends with nothing on screen. An element
 * with data-refused-store (and data-max-bytes, data-accept) around an upload gets the same
 * checks here first: a refused file is written into that dcc.Store as {name, size, reason, at}
 * (reason "size" or "kind"), and a 413 from a callback as {reason: "request"}. A Python
 * callback words the message in the page's language; this file holds no UI text.
 */
(function () {
  "use strict";

  function guardOf(element) {
    return element && element.closest ? element.closest("[data-refused-store]") : null;
  }

  function acceptedKind(name, accept) {
    if (!accept) return true;
    var dot = name.lastIndexOf(".");
    var ext = dot >= 0 ? name.slice(dot).toLowerCase() : "";
    return accept.split(",").some(function (kind) { return kind.trim().toLowerCase() === ext; });
  }

  // The guard of the view on screen (hidden views' containers have no layout box), else the first.
  function shownGuard() {
    var guards = Array.prototype.slice.call(document.querySelectorAll("[data-refused-store]"));
    return guards.filter(function (g) { return g.offsetParent !== null; })[0] || guards[0] || null;
  }

  function report(guard, info) {
    var clientside = window.dash_clientside;
    if (!guard || !clientside || typeof clientside.set_props !== "function") return;
    info.at = Date.now();   // the same refusal twice is still a change
    clientside.set_props(guard.getAttribute("data-refused-store"), {data: info});
  }

  function check(guard, files) {
    if (!guard || !files || !files.length) return;
    var file = files[0];
    var max = Number(guard.getAttribute("data-max-bytes"));
    var reason = null;
    if (!acceptedKind(file.name || "", guard.getAttribute("data-accept"))) reason = "kind";
    else if (max > 0 && file.size > max) reason = "size";
    if (reason) report(guard, {name: String(file.name || "").slice(0, 200), size: file.size, reason: reason});
  }

  // Capture phase: seen before the upload component handles (and drops) the file.
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target && target.type === "file") check(guardOf(target), target.files);
  }, true);
  document.addEventListener("drop", function (event) {
    if (event.dataTransfer) check(guardOf(event.target), event.dataTransfer.files);
  }, true);

  var fetchBefore = window.fetch;
  if (typeof fetchBefore === "function") {
    window.fetch = function () {
      return fetchBefore.apply(this, arguments).then(function (response) {
        if (response && response.status === 413) report(shownGuard(), {reason: "request"});
        return response;
      });
    };
  }
})();
