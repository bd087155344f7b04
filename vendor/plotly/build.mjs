// Bundles entry.js into ../../assets/00-plotly-xk.min.js with the settings of plotly.js's own
// esbuild-config.js (iife, global `Plotly`, es2016, global -> window), minified, and writes
// manifest.json: the version and the trace types the bundle registers, read back from the output.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const outfile = path.join(here, '..', '..', 'assets', '00-plotly-xk.min.js');
const { version } = JSON.parse(readFileSync(path.join(here, 'node_modules', 'plotly.js', 'package.json'), 'utf8'));

// The registry requires maplibre's stylesheet for the `map` subplot only, which no trace here
// uses: an empty module keeps 81 kB of CSS out of the bundle.
const noMapStylesheet = {
  name: 'no-map-stylesheet',
  setup(b) {
    b.onResolve({ filter: /maplibre-gl\.css$/ }, (args) => ({ path: args.path, namespace: 'empty' }));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: '', loader: 'js' }));
  },
};

await build({
  entryPoints: [path.join(here, 'entry.js')],
  outfile,
  format: 'iife',
  globalName: 'Plotly',
  bundle: true,
  minify: true,
  target: 'es2016',
  define: { global: 'window', 'define.amd': 'false' },
  plugins: [noMapStylesheet],
  legalComments: 'eof',
  banner: {
    js: `/* plotly.js v${version}, partial bundle for the Xiaokang dashboard (vendor/plotly/build.sh).\n` +
        ' * Copyright 2012-2026, Plotly, Inc. Licensed under the MIT license (vendor/plotly/LICENSE). */',
  },
  logLevel: 'info',
});

const text = readFileSync(outfile, 'utf8');
const traces = [...new Set([...text.matchAll(/moduleType:"trace",name:"([a-z0-9]+)"/g)].map((m) => m[1]))].sort();
const bundled = text.match(/\.version="([0-9.]+)"/);
if (!bundled || bundled[1] !== version) throw new Error(`bundle version ${bundled && bundled[1]} is not ${version}`);
const manifest = {
  bundle: 'assets/00-plotly-xk.min.js',
  plotly_js_version: version,
  traces,
  sha256: createHash('sha256').update(text).digest('hex'),
};
writeFileSync(path.join(here, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`plotly.js ${version}: traces ${traces.join(', ')}`);
