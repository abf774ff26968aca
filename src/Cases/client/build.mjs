// Bundles ECharts and Leaflet into ../wwwroot/dist (served as /dist/...). Run by the project's build
// (Tongguan.Cases.csproj, target BundleCasesClient) after `npm ci`.
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: { cases: 'src/main.js' },
  outdir: '../wwwroot/dist',
  bundle: true,
  format: 'iife',
  minify: true,
  target: ['es2020'],
  // Leaflet's CSS references its marker images.
  loader: { '.png': 'file', '.svg': 'file' },
  assetNames: 'assets/[name]-[hash]',
  logLevel: 'warning',
  legalComments: 'linked',
});
