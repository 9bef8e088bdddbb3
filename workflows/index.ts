// The worker bundles this file: export every workflow here. Workflow code runs in Temporal's
// deterministic sandbox: no Node built-ins, no I/O, activities imported as types only.
export { helloWorkflow } from './hello';
export { journeyRun } from './journey/interpreter';
export { recomputeScores, sweepSegments } from './crm/recompute';
export { bulkEnroll } from './enrollment/bulk-enroll';
