/* Presenter mode in the browser: the page-wide class, full screen, and the keys a clicker sends.
 *
 * Keys only click the bar's own buttons (#present-next, #present-prev, #present-stop), so the
 * keyboard, a presentation clicker and the mouse all take the one server path. Nothing here
 * fetches anything: the meeting room may be offline.
 */
(function () {
  "use strict";

  var NEXT_KEYS = { ArrowRight: true, PageDown: true, ArrowDown: false, " ": false };
  var PREV_KEYS = { ArrowLeft: true, PageUp: true };
  // Buttons whose click starts presenting: full screen must be asked for inside the click.
  var START_SELECTOR = "#present-start, .present-from, #present-fullscreen";
  var enteredFullscreen = false;
  // The link as loaded: the app rewrites the URL to its canonical form (dropping `slide`)
  // before any other callback sees it, so `?view=present&slide=N` is read here, once.
  var startLink = (function () {
    var params = new URLSearchParams(window.location.search);
    var slide = params.get("slide");
    return params.get("view") === "present" && slide && /^[0-9]+$/.test(slide) ? parseInt(slide, 10) : null;
  })();

  function presenting() {
    return document.documentElement.classList.contains("present-mode");
  }

  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable ||
      (target.getAttribute && target.getAttribute("role") === "combobox");
  }

  function click(id) {
    var button = document.getElementById(id);
    if (button && !button.disabled) button.click();
  }

  function markFullscreen() {
    document.documentElement.setAttribute("data-fullscreen", document.fullscreenElement ? "on" : "off");
  }

  function askFullscreen() {
    var root = document.documentElement;
    if (document.fullscreenElement || !root.requestFullscreen) { markFullscreen(); return; }
    try {
      var request = root.requestFullscreen();
      if (request && request.then) {
        request.then(function () { enteredFullscreen = true; markFullscreen(); })
          .catch(function () { markFullscreen(); });  // refused: the bar shows the F11 hint
      }
    } catch (error) {
      markFullscreen();
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target && event.target.closest ? event.target.closest(START_SELECTOR) : null;
    if (target) askFullscreen();
  }, true);

  document.addEventListener("keydown", function (event) {
    if (!presenting() || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    if (NEXT_KEYS[event.key]) { event.preventDefault(); event.stopPropagation(); click("present-next"); }
    else if (PREV_KEYS[event.key]) { event.preventDefault(); event.stopPropagation(); click("present-prev"); }
    else if (event.key === "Escape") { event.preventDefault(); click("present-stop"); }
  }, true);

  document.addEventListener("fullscreenchange", function () {
    markFullscreen();
    // In full screen the browser takes Escape itself: leaving full screen is leaving the show.
    if (!document.fullscreenElement && enteredFullscreen) {
      enteredFullscreen = false;
      if (presenting()) click("present-stop");
    }
  });

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    present: {
      startLink: function () {
        var slide = startLink;
        startLink = null;  // once: a later re-render (language switch) must not restart the show
        return slide === null ? window.dash_clientside.no_update : slide;
      },
      setMode: function (session) {
        var on = !!(session && session.playing);
        var root = document.documentElement;
        root.classList.toggle("present-mode", on);
        markFullscreen();
        if (!on && document.fullscreenElement && document.exitFullscreen) {
          enteredFullscreen = false;
          document.exitFullscreen().catch(function () {});
        }
        return on;
      }
    }
  });
})();
