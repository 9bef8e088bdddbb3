import { Type, type Static, type TSchema, type TUnion } from 'typebox';
import {
  ActionConfig,
  BranchConfig,
  DraftNode,
  ElementId,
  ExitConfig,
  JourneyDraft,
  NodeKind,
  TriggerConfig,
  WaitConfig,
} from '../schema';
import { pointerToField, type IssueList } from './issues';
import { check, errors } from './validators';

/** The node without its config: checked first, so config errors can be precise. */
const NodeEnvelope = Type.Object(
  {
    id: ElementId,
    kind: NodeKind,
    label: Type.Optional(Type.String({ maxLength: 120 })),
    position: Type.Object({ x: Type.Number(), y: Type.Number() }, { additionalProperties: false }),
    config: Type.Record(Type.String(), Type.Unknown()),
    ui: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);

/** Config schemas whose variants are told apart by `type`. */
const TYPED_CONFIGS: Partial<Record<NodeKind, TUnion>> = { trigger: TriggerConfig, wait: WaitConfig, branch: BranchConfig };
const PLAIN_CONFIGS: Partial<Record<NodeKind, TSchema>> = { action: ActionConfig, exit: ExitConfig };

const isDraftEnvelope = (value: unknown): value is Static<typeof JourneyDraft> => check(JourneyDraft, value);
const isEnvelope = (value: unknown): value is Static<typeof NodeEnvelope> => check(NodeEnvelope, value);
const isDraftNode = (value: unknown): value is DraftNode => check(DraftNode, value);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks the whole draft's shape; returns it typed when every part is well-formed. */
export function validateDraftShape(input: unknown, issues: IssueList): { draft: JourneyDraft } | undefined {
  const before = issues.items.length;
  for (const error of errors(JourneyDraft, input)) {
    if (error.instancePath.startsWith('/nodes/')) continue; // nodes are checked one by one below
    issues.add({ code: 'invalid_journey', message: describe(error.instancePath, error.message), field: pointerToField(error.instancePath) });
  }
  const nodes: DraftNode[] = [];
  const rawNodes = isRecord(input) && Array.isArray(input.nodes) ? input.nodes : [];
  rawNodes.forEach((raw: unknown, index) => {
    const checked = validateNode(raw, index, issues);
    if (checked) nodes.push(checked);
  });
  if (issues.items.length > before || !isDraftEnvelope(input)) return undefined;
  return { draft: { ...input, nodes } };
}

function validateNode(raw: unknown, index: number, issues: IssueList): DraftNode | undefined {
  const nodeId = isRecord(raw) && typeof raw.id === 'string' ? raw.id : undefined;
  const envelopeErrors = errors(NodeEnvelope, raw);
  if (envelopeErrors.length > 0) {
    for (const error of envelopeErrors) {
      const field = pointerToField(error.instancePath);
      issues.add({ code: 'invalid_node', message: describe(error.instancePath, error.message, `node #${index + 1}`), nodeId, field: field || undefined });
    }
    return undefined;
  }
  if (!isEnvelope(raw)) return undefined;
  const schema = configSchemaFor(raw.kind, raw.config, nodeId ?? '', issues);
  if (!schema) return undefined;
  const configErrors = errors(schema, raw.config);
  for (const error of configErrors) {
    issues.add({ code: 'invalid_node', message: describe(error.instancePath, error.message, 'config'), nodeId, field: pointerToField(error.instancePath, 'config') });
  }
  if (configErrors.length > 0) return undefined;
  const node: unknown = raw;
  return isDraftNode(node) ? node : undefined;
}

function configSchemaFor(kind: NodeKind, config: Record<string, unknown>, nodeId: string, issues: IssueList): TSchema | undefined {
  const plain = PLAIN_CONFIGS[kind];
  if (plain) return plain;
  const union = TYPED_CONFIGS[kind];
  const variants: TSchema[] = union ? union.anyOf : [];
  const known = variants.map(typeLiteralOf).filter((value): value is string => value !== undefined);
  const variant = variants.find((candidate) => typeLiteralOf(candidate) === config.type);
  if (!variant) {
    issues.add({
      code: 'invalid_node',
      message: `config.type must be one of ${known.join(', ')}`,
      nodeId,
      field: 'config.type',
    });
    return undefined;
  }
  return variant;
}

function typeLiteralOf(variant: TSchema): string | undefined {
  const properties: unknown = 'properties' in variant ? variant.properties : undefined;
  if (!isRecord(properties) || !isRecord(properties.type)) return undefined;
  const literal = properties.type.const;
  return typeof literal === 'string' ? literal : undefined;
}

function describe(pointer: string, message: string, subject = 'journey'): string {
  const field = pointerToField(pointer);
  return field ? `${subject} → ${field}: ${message}` : `${subject}: ${message}`;
}
