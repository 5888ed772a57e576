// Run with 'npm install && npm run build' in a copy of this folder, then copy the outputs (../README.md).
// Two partial plotly.js bundles: scatter + bar for the charts, scatter + choropleth for the map, both on a lean core
// (core-lean.js); the map bundle keeps only d3-geo's own projections (empty-projection.js).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const version = JSON.parse(readFileSync('node_modules/plotly.js/package.json')).version;
const bundles = [
  { name: 'cartesian', trace: 'bar', alias: {} },
  { name: 'geo', trace: 'choropleth', alias: { 'd3-geo-projection': './empty-projection.js' } },
];
for (const { name, trace, alias } of bundles) {
  await esbuild.build({
    stdin: {
      contents: `var P = require('./core-lean.js'); P.register([require('plotly.js/src/traces/${trace}')]); module.exports = P;`,
      resolveDir: '.',
    },
    alias,
    outfile: `plotly-${name}.min.js`,
    format: 'iife',
    globalName: 'Plotly',
    bundle: true,
    minify: true,
    legalComments: 'none',
    target: 'es2016',
    logLevel: 'warning',
    define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
    banner: {
      js: `/*! plotly.js v${version} partial bundle (scatter, ${trace}) | MIT License, Copyright 2012-2026 Plotly, Inc. | static/vendor/README.md */`,
    },
  });
}
