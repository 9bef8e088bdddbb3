// The part of liquidjs the journey language uses, for the language's own type check
// (engine/journey/tsconfig.json maps `liquidjs` here). liquidjs's published types begin with
// `/// <reference types="node" />`, which would bring every Node global into that check and
// defeat it. The repository's main type check compiles the same code against liquidjs's real
// types, so this surface cannot drift from them unnoticed.
export interface Template {
  readonly token: unknown;
}
export type SegmentArray = Array<string | number | SegmentArray>;
export declare class Liquid {
  constructor(options?: { templates?: Record<string, string>; ownPropertyOnly?: boolean; relativeReference?: boolean });
  parse(source: string): Template[];
  globalVariableSegmentsSync(templates: Template[]): SegmentArray[];
}
