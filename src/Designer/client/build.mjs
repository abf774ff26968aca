// Bundles the workflow editor into ../wwwroot/dist (served as _content/Tongguan.Designer/dist/...).
// Run by the project's build (Tongguan.Designer.csproj, target BundleDesignerClient) after `npm ci`.
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: { editor: 'src/editor.js', api: 'src/api.js' },
  outdir: '../wwwroot/dist',
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: false,
  target: ['es2020'],
  // bpmn-js and the properties panel ship fonts and images referenced from their CSS.
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file', '.png': 'file' },
  assetNames: 'assets/[name]-[hash]',
  logLevel: 'warning',
  legalComments: 'linked',
});
