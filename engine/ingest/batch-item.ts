import { Compile } from 'typebox/compile';
import { IngestError } from './errors';
import { IdentifyBatchItem, OrderBatchItem, TrackBatchItem, type BatchItem } from './schemas';

// Compiled once: a batch checks up to 500 items per request.
const validators = { track: Compile(TrackBatchItem), identify: Compile(IdentifyBatchItem), order: Compile(OrderBatchItem) };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One batch item, checked against the schema of its type. The route cannot do this (a bad item
 * would refuse the whole batch), so the refusal names the item's field, as the single routes' do.
 */
export function checkedBatchItem(item: unknown): BatchItem {
  if (!isRecord(item)) throw new IngestError('invalid', 'item', 'must be an object');
  const { type } = item;
  if (type === 'track') return checked(validators.track, item);
  if (type === 'identify') return checked(validators.identify, item);
  if (type === 'order') return checked(validators.order, item);
  throw new IngestError('invalid', 'type', 'must be "track", "identify" or "order"');
}

function checked<T>(validator: { Check(value: unknown): value is T; Errors(value: unknown): readonly ValidationIssue[] }, item: unknown): T {
  if (validator.Check(item)) return item;
  const [first] = validator.Errors(item);
  if (!first) throw new IngestError('invalid', 'item', 'is invalid');
  throw new IngestError('invalid', fieldOf(first), messageOf(first));
}

interface ValidationIssue {
  readonly keyword: string;
  readonly instancePath: string;
  readonly message: string;
  readonly params: unknown;
}

function messageOf(issue: ValidationIssue): string {
  if (issue.keyword === 'required') return 'is required';
  // An unknown property fails as `additionalProperties`, or as a `false` schema at its own path.
  if (issue.keyword === 'additionalProperties' || issue.keyword === 'boolean') return 'is not an accepted field';
  return issue.message;
}

/** `/items/0/sku` → `items.0.sku` (as the routes' own validation names it); a missing or unexpected property names itself. */
function fieldOf(issue: ValidationIssue): string {
  const named = isRecord(issue.params) ? (firstOf(issue.params.requiredProperties) ?? firstOf(issue.params.additionalProperties)) : undefined;
  const segments = issue.instancePath.split('/').filter(Boolean);
  if (named !== undefined) segments.push(named);
  return segments.length === 0 ? 'item' : segments.join('.');
}

const firstOf = (value: unknown): string | undefined => (Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined);
