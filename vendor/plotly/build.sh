#!/usr/bin/env bash
# Rebuilds assets/00-plotly-xk.min.js (plotly.js with only the trace types the dashboard draws)
# and vendor/plotly/manifest.json from the npm packages pinned in package-lock.json.
#   bash vendor/plotly/build.sh
# Needs node >= 18 and npm, and the npm registry (at build time only; the app never fetches).
# After a plotly (python) upgrade: set "plotly.js" in package.json to the version of
# plotly.offline.get_plotlyjs_version(), run `npm install` here once to refresh the lock, then this.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
node build.mjs
