export type { ActionCatalog } from '../catalog';
export { compileJourney, type CompileResult } from './compile';
export { decompileJourney } from './decompile';
export { fromMilliseconds, MAX_DURATION_MS, toMilliseconds } from './durations';
export type { CompileIssue, CompileIssueCode } from './issues';
export { outputsOf } from './outputs';
