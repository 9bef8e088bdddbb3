// Layer rules: what each folder may import, as its README says. `npm run lint` runs them
// (`lint:layers`), so a README that drifts from the code fails the build instead of misleading.
// Type-only imports count (`tsPreCompilationDeps`): a type ring still couples the layers it
// crosses, and type imports are how the last one crept in.
//
// Paths are repo-relative; npm packages resolve to `node_modules/<name>/…`; Node built-ins
// have dependency type `core`. Each rule names the README it enforces.

/** Every folder of ours, so allow-lists can say "nothing else of ours" and leave npm aside. */
const OURS = '^(engine|activities|workflows|prisma|test|bench|builder-ui)/';
/** The HTTP layer: routes, fastify plugins and fastify itself. */
const HTTP_LAYER = ['^engine/(routes|plugins)/', '^node_modules/(fastify|fastify-plugin|@fastify/[^/]+)/'];
/** engine/ folders that are domain services (called by routes, activities, the CLI), not HTTP; engine/journey has a stricter rule of its own. */
const DOMAIN = '^engine/(accounts|communications|config|consent|contacts|crm|db|dispatcher|enrollment|ingest|journeys|privacy|templates|temporal)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // ── Whole codebase ────────────────────────────────────────────────────────────────────
    {
      name: 'no-circular',
      comment: 'An import ring (type-only ones too) means no file of it can be understood, tested or moved alone: put the shared type in the module that owns the concept.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import the resolver cannot find would also escape every rule below.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-test-or-bench-imports',
      comment: 'test/README.md, engine/README.md: tests and benchmarks are leaves; shipped code never reaches them.',
      severity: 'error',
      from: { pathNot: '^(test|bench)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'bench-only-journey-fixtures-of-test',
      comment: 'bench/README.md: benchmarks take the generator of valid journeys, the engine launcher of the browser tests and the loopback SMTP and Twilio-shaped servers from test/, nothing else.',
      severity: 'error',
      from: { path: '^bench/' },
      to: { path: '^test/', pathNot: '^test/(engine/journey/(fixtures|generate-draft)|e2e/engine|support/(ports|twilio-server)|activities/channels/email/smtp-sink)' },
    },
    {
      name: 'prisma-server-side-only',
      comment: 'prisma/README.md: the generated client (and the seed) are for code that runs on the server; workflows reach data through activities, the journey language and the builder run in the browser. Server code may import the client directly (types and Prisma.sql), as the domain READMEs say.',
      severity: 'error',
      from: { path: '^(workflows|engine/journey|builder-ui)/' },
      to: { path: '^prisma/' },
    },
    {
      name: 'prisma-imports',
      comment: 'prisma/README.md: the schema, migrations and seed import no application code (only @prisma/* and, for the seed, faker).',
      severity: 'error',
      from: { path: '^prisma/', pathNot: '^prisma/generated/' },
      to: { path: OURS, pathNot: '^prisma/' },
    },

    // ── workflows/ ────────────────────────────────────────────────────────────────────────
    {
      name: 'workflows-imports',
      comment: 'workflows/README.md: workflow code is replayed in a deterministic sandbox: @temporalio/workflow and /common, the pure journey language, itself and activities (types, next rule); no Node built-ins or other packages.',
      severity: 'error',
      from: { path: '^workflows/' },
      to: { pathNot: ['^workflows/', '^engine/journey/', '^activities/', '^node_modules/@temporalio/(workflow|common)/'] },
    },
    {
      name: 'workflows-activities-as-types',
      comment: 'workflows/README.md: activities are reached through proxyActivities; importing their code would pull I/O into the sandbox.',
      severity: 'error',
      from: { path: '^workflows/' },
      to: { path: '^activities/', dependencyTypesNot: ['type-only'] },
    },

    // ── engine/journey/ (the journey language) ────────────────────────────────────────────
    {
      name: 'journey-language-is-pure',
      comment: 'engine/journey/README.md: shared with workflows/ and the browser canvas, so only itself and browser-safe packages (typebox, liquidjs, ajv for catalog input schemas); no Node built-ins, no other folder of ours.',
      severity: 'error',
      from: { path: '^engine/journey/' },
      to: { pathNot: ['^engine/journey/', '^node_modules/(typebox|liquidjs|ajv|ajv-formats)/'] },
    },

    // ── builder-ui/ ───────────────────────────────────────────────────────────────────────
    {
      name: 'builder-ui-imports',
      comment: 'builder-ui/README.md: the browser app talks to the engine over HTTP; of ours it may import its own src/ and the pure journey language only.',
      severity: 'error',
      from: { path: '^builder-ui/' },
      to: { path: OURS, pathNot: ['^builder-ui/', '^engine/journey/'] },
    },
    {
      name: 'builder-ui-no-node-builtins',
      comment: 'builder-ui/README.md: the app runs in a browser, where Node built-ins do not exist.',
      severity: 'error',
      from: { path: '^builder-ui/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'builder-ui-no-server-packages',
      comment: 'builder-ui/README.md: browser packages only; these are the server\'s (database, HTTP server, Temporal, transports).',
      severity: 'error',
      from: { path: '^builder-ui/' },
      to: { path: '^node_modules/(fastify|fastify-plugin|@fastify|@prisma|prisma|pg|pglite-prisma-adapter|@electric-sql|@temporalio|nodemailer|twilio|undici|mjml|env-schema|pino)/' },
    },

    // ── activities/ ───────────────────────────────────────────────────────────────────────
    {
      name: 'activities-imports',
      comment: 'activities/README.md: activities call the shared domain services (crm, consent, enrollment, db) and the pure journey language; the engine injects the rest (JourneyStarter, JourneyEnroller), so no engine/journeys, temporal, dispatcher, routes or plugins, and never workflows/.',
      severity: 'error',
      from: { path: '^activities/' },
      to: { path: OURS, pathNot: ['^activities/', '^engine/(journey|db|crm|consent|enrollment)/', '^prisma/generated/'] },
    },
    {
      name: 'activities-no-http-or-temporal-client',
      comment: 'activities/README.md: activities run in the worker: no fastify, and no Temporal client or workflow APIs (starting runs is injected).',
      severity: 'error',
      from: { path: '^activities/' },
      to: { path: [...HTTP_LAYER, '^node_modules/@temporalio/(client|workflow|testing)/'] },
    },

    // ── engine/ ───────────────────────────────────────────────────────────────────────────
    {
      name: 'engine-not-builder-ui',
      comment: 'engine/README.md: the engine serves the built UI as files; it never imports its code.',
      severity: 'error',
      from: { path: '^engine/' },
      to: { path: '^builder-ui/' },
    },
    {
      name: 'engine-workflow-code-by-path',
      comment: 'engine/README.md: workflow code is loaded by the worker from its bundle; at run time the engine imports only the pure helpers (ids, search attributes, signals, bulk enrollment defaults). Types of anything are fine.',
      severity: 'error',
      from: { path: '^engine/' },
      to: {
        path: '^workflows/',
        pathNot: '^workflows/(journey/(ids|search-attributes|signals|types)|enrollment/defaults)\\.ts$',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'domain-not-http',
      comment: 'engine/README.md and the domain READMEs: routes and activities call the domain services, never the reverse; the services know nothing of fastify.',
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: HTTP_LAYER },
    },
    {
      name: 'accounts-imports',
      comment: 'engine/accounts/README.md: people are services over Prisma; they send mail through the activities\' mail path and write audit entries, and know nothing of routes or plugins (their settings type now lives here, not in plugins/).',
      severity: 'error',
      from: { path: '^engine/accounts/' },
      to: {
        path: OURS,
        pathNot: [
          '^engine/accounts/',
          '^activities/(channels/email/|mail\\.ts$|journey/timing\\.ts$|sending/policy\\.ts$)',
          '^engine/audit/entry\\.ts$',
          '^engine/crm/settings\\.ts$',
          '^engine/(db|config)/',
          '^prisma/generated/',
        ],
      },
    },
    {
      name: 'audit-imports',
      comment: 'engine/audit/README.md: routes import the audit log; it imports no route.',
      severity: 'error',
      from: { path: '^engine/audit/' },
      to: { path: OURS, pathNot: ['^engine/audit/', '^engine/db/group-commit\\.ts$', '^engine/plugins/auth\\.ts$', '^prisma/generated/'] },
    },
    {
      name: 'crm-imports',
      comment: 'engine/crm/README.md: routes and activities call in, never the reverse.',
      severity: 'error',
      from: { path: '^engine/crm/' },
      to: { path: OURS, pathNot: ['^engine/(crm|db|journey)/', '^engine/journeys/live-references\\.ts$', '^prisma/generated/'] },
    },
    {
      name: 'dispatcher-imports',
      comment: 'engine/dispatcher/README.md: it turns outbox changes into journey starts and signals, through engine/journeys; no HTTP, no activity code.',
      severity: 'error',
      from: { path: '^engine/dispatcher/' },
      to: { path: OURS, pathNot: ['^engine/(dispatcher|crm|db|journey|journeys)/', '^workflows/journey/ids\\.ts$', '^activities/', '^prisma/generated/'] },
    },
    {
      name: 'dispatcher-activities-as-types',
      comment: 'engine/dispatcher/README.md: it shares the activities\' event types, not their code.',
      severity: 'error',
      from: { path: '^engine/dispatcher/' },
      to: { path: '^activities/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'enrollment-imports',
      comment: 'engine/enrollment/README.md: the bulk enrollment boundary types live in activities/enrollment/types.ts, the workflow\'s defaults in workflows/enrollment.',
      severity: 'error',
      from: { path: '^engine/enrollment/' },
      to: {
        path: OURS,
        pathNot: ['^engine/(enrollment|journeys|dispatcher|db|journey)/', '^activities/enrollment/types\\.ts$', '^workflows/enrollment/', '^prisma/generated/'],
      },
    },
    {
      name: 'ingest-imports',
      comment: 'engine/ingest/README.md: ingestion writes through the CRM change path; the routes call in and map its errors.',
      severity: 'error',
      from: { path: '^engine/ingest/' },
      to: { path: OURS, pathNot: ['^engine/(ingest|crm|db|consent)/', '^engine/contacts/(normalise|errors)\\.ts$', '^prisma/generated/'] },
    },
    {
      name: 'privacy-imports',
      comment: 'engine/privacy/README.md: the routes map its errors; it imports no route.',
      severity: 'error',
      from: { path: '^engine/privacy/' },
      to: { path: OURS, pathNot: ['^engine/(privacy|audit|contacts)/', '^activities/sending/', '^engine/journeys/cancel-runs\\.ts$', '^prisma/generated/'] },
    },
    {
      name: 'templates-imports',
      comment: 'engine/templates/README.md: preview renders exactly as a send does, so it takes the renderer from activities/, and nothing else of it.',
      severity: 'error',
      from: { path: '^engine/templates/' },
      to: {
        path: OURS,
        pathNot: [
          '^engine/(templates|db)/',
          '^engine/contacts/errors\\.ts$',
          '^engine/journeys/live-references\\.ts$',
          '^activities/(channels/templates\\.ts$|channels/email/|journey/(facts|types)\\.ts$|actions/errors\\.ts$)',
          '^prisma/generated/',
        ],
      },
    },
  ],
  options: {
    // Type-only imports are dependencies too (see the top of this file).
    tsPreCompilationDeps: true,
    // One configuration serves both programs: neither tsconfig has `paths`, so resolution is the same.
    tsConfig: { fileName: 'tsconfig.json' },
    // The generated Prisma client is a leaf rather than excluded: excluding it would drop the
    // imports of it too, and the rules above check who imports it.
    doNotFollow: { path: ['node_modules', '^prisma/generated/'] },
    exclude: { path: ['^dist/', '^\\.data/', '^\\.tools/', '^coverage/'] },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
