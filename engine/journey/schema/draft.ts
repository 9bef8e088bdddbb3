import { Type, type Static, type TSchema } from 'typebox';
import { Condition, Duration, ElementId } from './common';
import { ActionConfig, BranchConfig, ExitConfig, WaitConfig } from './nodes';
import { TriggerConfig } from './triggers';

const strict = { additionalProperties: false } as const;

export const NodeKind = Type.Union([
  Type.Literal('trigger'),
  Type.Literal('wait'),
  Type.Literal('branch'),
  Type.Literal('action'),
  Type.Literal('exit'),
]);
export type NodeKind = Static<typeof NodeKind>;

/** Where the node sits on the canvas; UI-only, dropped by the compiler. */
const Position = Type.Object({ x: Type.Number(), y: Type.Number() }, strict);

const node = <Kind extends NodeKind, Config extends TSchema>(kind: Kind, config: Config) =>
  Type.Object(
    {
      id: ElementId,
      kind: Type.Literal(kind),
      label: Type.Optional(Type.String({ maxLength: 120 })),
      position: Position,
      config,
      /** Anything the canvas wants to keep (colours, notes); the engine ignores it. */
      ui: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    },
    strict,
  );

export const DraftNodeSchemas = {
  trigger: node('trigger', TriggerConfig),
  wait: node('wait', WaitConfig),
  branch: node('branch', BranchConfig),
  action: node('action', ActionConfig),
  exit: node('exit', ExitConfig),
} as const;

export const DraftNode = Type.Union([
  DraftNodeSchemas.trigger,
  DraftNodeSchemas.wait,
  DraftNodeSchemas.branch,
  DraftNodeSchemas.action,
  DraftNodeSchemas.exit,
]);
export type DraftNode = Static<typeof DraftNode>;

/**
 * `sourceHandle` names the output the edge leaves from: `next` for single-output nodes,
 * `received`/`timeout` and `met`/`timeout` for event and condition waits, a branch, path or
 * variant id (or `else`, or `holdout`) for branches.
 */
export const DraftEdge = Type.Object(
  { id: ElementId, source: ElementId, target: ElementId, sourceHandle: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) },
  strict,
);
export type DraftEdge = Static<typeof DraftEdge>;

// Titles name each shape of a union where a form offers the choice (the settings panel).
export const ReentryRule = Type.Union(
  [
    Type.Object({ mode: Type.Literal('never') }, { ...strict, title: 'Never: once per contact' }),
    Type.Object({ mode: Type.Literal('always') }, { ...strict, title: 'Again whenever the trigger fires' }),
    Type.Object({ mode: Type.Literal('after_cooldown'), cooldown: Duration }, { ...strict, title: 'Again after a cooldown' }),
  ],
  { title: 'Re-entry' },
);
export type ReentryRule = Static<typeof ReentryRule>;

/** Leaves the journey from wherever the contact is, interrupting any wait. */
export const ExitCriterion = Type.Union([
  Type.Object({ type: Type.Literal('event'), event: Type.String({ minLength: 1, maxLength: 200 }), filter: Type.Optional(Condition), goal: Type.Boolean() }, { ...strict, title: 'When an event happens' }),
  Type.Object({ type: Type.Literal('condition'), condition: Condition, goal: Type.Boolean() }, { ...strict, title: 'When a condition holds' }),
]);
export type ExitCriterion = Static<typeof ExitCriterion>;

export const JourneySettings = Type.Object(
  {
    /** A contact is never in two runs of the same journey at once; this governs entering again later. */
    reentry: ReentryRule,
    entryFilter: Type.Optional(Condition),
    /** Stop enrolling after this many entries in total. */
    entryLimit: Type.Optional(Type.Integer({ minimum: 1, title: 'Entry limit', description: 'Stop enrolling after this many entries in total.' })),
    exitCriteria: Type.Array(ExitCriterion, { maxItems: 20, title: 'Exit and goal criteria', description: 'Leave the journey from any step when one of these happens.' }),
  },
  strict,
);
export type JourneySettings = Static<typeof JourneySettings>;

/** 2: conditions in the one condition language (engine/journey/conditions); version 1 files upgrade on read. */
export const DRAFT_SCHEMA_VERSION = 2;

/** What the canvas saves and journeys-as-code files contain. */
export const JourneyDraft = Type.Object(
  {
    schemaVersion: Type.Literal(DRAFT_SCHEMA_VERSION),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 2_000 })),
    settings: JourneySettings,
    nodes: Type.Array(Type.Unknown(), { maxItems: 5_000 }),
    edges: Type.Array(DraftEdge, { maxItems: 10_000 }),
  },
  strict,
);
/** The draft as stored and received, before each node is checked (nodes are `unknown`). */
export type JourneyDraftEnvelope = Static<typeof JourneyDraft>;

/** Nodes are validated one by one against their kind's schema, for errors that name the node. */
export type JourneyDraft = Omit<Static<typeof JourneyDraft>, 'nodes'> & { nodes: DraftNode[] };
