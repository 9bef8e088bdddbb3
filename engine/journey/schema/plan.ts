import { Type, type Static } from 'typebox';
import { Condition, ElementId, TimeOfDay, TimeZone, Weekday } from './common';
import { ActionConfig, BranchConfig, ExitConfig } from './nodes';
import { TriggerConfig } from './triggers';

const strict = { additionalProperties: false } as const;
const Milliseconds = Type.Integer({ minimum: 0 });

/** Waits with every duration in milliseconds. */
export const PlanWait = Type.Union([
  Type.Object({ type: Type.Literal('delay'), ms: Milliseconds }, strict),
  Type.Object(
    {
      type: Type.Literal('until_date'),
      at: Type.Optional(Type.String({ format: 'date-time' })),
      attribute: Type.Optional(Type.String()),
      offsetMs: Type.Integer(),
    },
    strict,
  ),
  Type.Object(
    { type: Type.Literal('time_window'), days: Type.Array(Weekday), from: TimeOfDay, to: TimeOfDay, fallbackTimezone: TimeZone },
    strict,
  ),
  Type.Object(
    {
      type: Type.Literal('event'),
      event: Type.String(),
      filter: Type.Optional(Condition),
      matchKey: Type.Optional(Type.String()),
      timeoutMs: Milliseconds,
    },
    strict,
  ),
  Type.Object({ type: Type.Literal('condition'), condition: Condition, timeoutMs: Milliseconds }, strict),
]);
export type PlanWait = Static<typeof PlanWait>;

/** Output handle → next node id, or null where the path ends. */
const Next = Type.Record(Type.String(), Type.Union([ElementId, Type.Null()]));

const planNode = {
  trigger: Type.Object({ id: ElementId, kind: Type.Literal('trigger'), label: Type.Optional(Type.String()), config: TriggerConfig, next: Next }, strict),
  wait: Type.Object({ id: ElementId, kind: Type.Literal('wait'), label: Type.Optional(Type.String()), config: PlanWait, next: Next }, strict),
  branch: Type.Object({ id: ElementId, kind: Type.Literal('branch'), label: Type.Optional(Type.String()), config: BranchConfig, next: Next }, strict),
  action: Type.Object({ id: ElementId, kind: Type.Literal('action'), label: Type.Optional(Type.String()), config: ActionConfig, next: Next }, strict),
  exit: Type.Object({ id: ElementId, kind: Type.Literal('exit'), label: Type.Optional(Type.String()), config: ExitConfig, next: Next }, strict),
} as const;

export const PlanNode = Type.Union([planNode.trigger, planNode.wait, planNode.branch, planNode.action, planNode.exit]);
export type PlanNode = Static<typeof PlanNode>;

export const PlanExitCriterion = Type.Union([
  Type.Object({ type: Type.Literal('event'), event: Type.String(), filter: Type.Optional(Condition), goal: Type.Boolean() }, strict),
  Type.Object({ type: Type.Literal('condition'), condition: Condition, goal: Type.Boolean() }, strict),
]);

/** 2: conditions in the one condition language; version 1 plans (still running) upgrade on read. */
export const PLAN_SCHEMA_VERSION = 2;

/**
 * What the interpreter workflow runs: the published version's graph, flat and normalized.
 * It is the workflow's input, so it must stay small and must never hold secrets.
 */
export const JourneyPlan = Type.Object(
  {
    schemaVersion: Type.Literal(PLAN_SCHEMA_VERSION),
    name: Type.String(),
    description: Type.Optional(Type.String()),
    entryNodeId: ElementId,
    settings: Type.Object(
      {
        reentry: Type.Union([
          Type.Object({ mode: Type.Literal('never') }, strict),
          Type.Object({ mode: Type.Literal('always') }, strict),
          Type.Object({ mode: Type.Literal('after_cooldown'), cooldownMs: Milliseconds }, strict),
        ]),
        entryFilter: Type.Optional(Condition),
        entryLimit: Type.Optional(Type.Integer({ minimum: 1 })),
        exitCriteria: Type.Array(PlanExitCriterion),
      },
      strict,
    ),
    /** Keyed by node id; iteration order is the draft's node order. */
    nodes: Type.Record(ElementId, PlanNode),
  },
  strict,
);
export type JourneyPlan = Static<typeof JourneyPlan>;
