// dash-ag-grid's script is not in the page (dashboard/dash_app.py: only two views show a grid).
// The renderer resolves a component's JavaScript when it renders it, so the script must be
// there before the renderer reads the first layout or callback answer that holds a grid: the
// answer waits here until the script has run. Once the package is loaded nothing is inspected.
(function () {
  "use strict";
  const LISTING_ID = "xk-lazy-scripts";
  const DASH_REQUEST = /_dash-(layout|update-component)/;
  const loading = {};

  function listing() {
    const element = document.getElementById(LISTING_ID);
    return element ? JSON.parse(element.textContent || "{}") : {};
  }

  function addScript(url) {
    return new Promise(function (resolve, reject) {
      const script = document.createElement("script");
      script.src = url;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("could not load " + url)); };
      document.head.appendChild(script);
    });
  }

  // A package's scripts, in the page's order, once.
  function load(namespace, urls) {
    if (!loading[namespace]) {
      loading[namespace] = urls.reduce(function (done, url) {
        return done.then(function () { return addScript(url); });
      }, Promise.resolve());
    }
    return loading[namespace];
  }

  const pageFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    const answer = pageFetch(input, init);
    const url = typeof input === "string" ? input : (input && input.url) || "";
    if (!DASH_REQUEST.test(url)) { return answer; }
    const packages = listing();
    const pending = Object.keys(packages).filter(function (ns) { return !window[ns]; });
    if (!pending.length) { return answer; }
    return answer.then(function (response) {
      return response.clone().text().then(function (text) {
        const needed = pending.filter(function (ns) {
          return new RegExp('"namespace":\\s*"' + ns + '"').test(text);
        });
        return Promise.all(needed.map(function (ns) { return load(ns, packages[ns]); }))
          .catch(function (error) { console.error(error); })  // the renderer reports the grid
          .then(function () { return response; });
      });
    });
  };
})();
