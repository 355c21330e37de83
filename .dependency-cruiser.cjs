/**
 * The house's import direction (see ../shared/reference/architecture.md), checked in `npm test`:
 * api, cli, desktop -> services -> engine, billing, accounts -> store -> platform; shared is
 * imported by all and imports nothing internal; the renderer reaches main only over HTTP.
 */
const layer = (name) => `^main/${name}(/|\\.ts$)`;

module.exports = {
  forbidden: [
    {
      name: 'engine-stays-plain',
      comment: 'The engine turns image bytes into results. It never knows about Electron, HTTP, billing, accounts or storage.',
      severity: 'error',
      from: { path: layer('engine') },
      to: { path: ['^main/(api|store|billing|accounts|services|desktop|cli)', '^main/cli\\.ts$', 'node_modules/(electron|fastify|hono|@hono|lowdb|steno)/', '^(electron|fastify|hono|lowdb|steno)$'] },
    },
    {
      name: 'no-electron-outside-desktop',
      comment: 'Without an Electron binary, importing electron throws: only the desktop shell may.',
      severity: 'error',
      from: { path: '^(main|shared)/', pathNot: layer('desktop') },
      // The second form matches while electron is not installed (an unresolved import).
      to: { path: ['node_modules/electron/', '^electron$'] },
    },
    {
      name: 'shared-imports-nothing-internal',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(main|renderer)/' },
    },
    {
      name: 'platform-is-the-bottom',
      severity: 'error',
      from: { path: layer('platform') },
      to: { path: '^main/(?!platform/)' },
    },
    {
      name: 'store-only-on-platform',
      severity: 'error',
      from: { path: layer('store') },
      to: { path: '^main/(?!store/|platform/)' },
    },
    {
      name: 'lowdb-only-in-store',
      severity: 'error',
      from: { path: '^main/', pathNot: layer('store') },
      to: { path: ['node_modules/(lowdb|steno)/', '^(lowdb|steno)$'] },
    },
    {
      name: 'domain-below-services',
      comment: 'billing and accounts use the store and platform, never the doors or the engine.',
      severity: 'error',
      from: { path: '^main/(billing|accounts)/' },
      to: { path: '^main/(api|cli|desktop|services|engine)(/|\\.ts$)' },
    },
    {
      name: 'services-below-doors',
      severity: 'error',
      from: { path: layer('services') },
      to: { path: '^main/(api|cli|desktop)(/|\\.ts$)' },
    },
    {
      name: 'api-through-services',
      comment: 'The HTTP door adapts requests to services; it does not reach the engine or the store directly.',
      severity: 'error',
      from: { path: layer('api') },
      to: { path: '^main/(engine|store|cli|desktop)(/|\\.ts$)' },
    },
    {
      name: 'export-knows-no-doors',
      comment: 'Writers (xlsx, txt, json) turn results into files; they know nothing of HTTP, billing or storage.',
      severity: 'error',
      from: { path: layer('export') },
      to: { path: '^main/(api|cli|desktop|services|billing|accounts|store|engine)(/|\\.ts$)' },
    },
    {
      name: 'renderer-through-http',
      comment: 'The UI reaches main only through its console client over HTTP.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^main/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)node_modules/' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.cts', '.js', '.cjs', '.json'] },
  },
};
