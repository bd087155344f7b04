// The partial plotly.js bundle: core (which carries scatter) plus the trace types the
// dashboard's figure builders and exports emit. Keep in step with TRACES in build.sh;
// tests/assets/test_plotly_bundle.py fails when a builder emits a type missing here.
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/choropleth'),
    require('plotly.js/lib/scattergeo'),
]);

module.exports = Plotly;
