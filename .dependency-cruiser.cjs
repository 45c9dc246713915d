// The structure rules `npm run lint` checks beside ESLint's layer rules: no module reaches
// itself through its imports (type-only imports count: a cycle is a knot to a reader too),
// product code, scripts and the benchmark never import test code, and the renderer's
// lower layers never import its features.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'Move the shared piece to the layer below both modules.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-test-code-in-product',
      severity: 'error',
      comment: 'src/, scripts/ and bench/ never import test/.',
      from: { path: '^(src|scripts|bench)/' },
      to: { path: '^test/' },
    },
    {
      name: 'renderer-layers',
      severity: 'error',
      comment: 'db/, editor/, components/, photos/ and i18n/ are below features/: they never import it.',
      from: { path: '^src/renderer/(db|editor|components|photos|i18n)/' },
      to: { path: '^src/renderer/features/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|node_modules|test-results|bench/results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
