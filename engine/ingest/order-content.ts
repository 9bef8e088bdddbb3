import { Prisma, type OrderStatus } from '../../prisma/generated/client';
import { IngestError } from './errors';
import { checkedTime } from './limits';
import type { OrderInput, OrderItemInput } from './schemas';

/** An order as stored: money as exact decimals, the currency upper-cased. */
export interface OrderContent {
  readonly status: OrderStatus;
  readonly currency: string;
  readonly amount: Prisma.Decimal;
  readonly cost: Prisma.Decimal | null;
  readonly discount: Prisma.Decimal;
  readonly placedAt: Date;
  /** Undefined when the sender left items out: the stored ones stay. */
  readonly items: readonly OrderItemContent[] | undefined;
}

export interface OrderItemContent {
  readonly sku: string;
  readonly name: string;
  readonly category: string | null;
  readonly quantity: number;
  readonly unitPrice: Prisma.Decimal;
  readonly unitCost: Prisma.Decimal | null;
}

/**
 * Checks an order body; each refusal names its field. Scores add order amounts up in the
 * workspace currency and the engine keeps no exchange rates, so an order in another currency
 * is refused rather than stored where every score would silently leave it out.
 */
export function checkedOrder(input: OrderInput, workspace: { readonly now: Date; readonly currency: string }): OrderContent {
  const currency = input.currency.toUpperCase();
  const expected = workspace.currency.toUpperCase();
  if (currency !== expected) {
    throw new IngestError('currency_mismatch', 'currency', `is ${currency}; this workspace's orders are in ${expected} (convert the amounts before sending)`);
  }
  return {
    status: input.status,
    currency,
    amount: money(input.amount, 'amount'),
    cost: input.cost === undefined ? null : money(input.cost, 'cost'),
    discount: money(input.discount ?? 0, 'discount'),
    placedAt: checkedTime(input.placedAt, workspace.now, 'placedAt'),
    items: input.items?.map((item, index) => checkedItem(item, `items.${index}`)),
  };
}

function checkedItem(item: OrderItemInput, at: string): OrderItemContent {
  return {
    sku: item.sku,
    name: item.name,
    category: item.category ?? null,
    quantity: item.quantity,
    unitPrice: money(item.unitPrice, `${at}.unitPrice`),
    unitCost: item.unitCost === undefined ? null : money(item.unitCost, `${at}.unitCost`),
  };
}

/** Money is stored with two decimals; a third would be rounded silently, so it is refused. */
function money(value: number, field: string): Prisma.Decimal {
  const decimal = new Prisma.Decimal(value);
  if (decimal.decimalPlaces() > 2) throw new IngestError('invalid', field, `has more than 2 decimal places (${value})`);
  return decimal;
}

/** The stored order as `OrderContent`, to compare a re-sent one with. */
export interface StoredOrder extends Omit<OrderContent, 'items'> {
  readonly items: readonly OrderItemContent[];
}

/** Whether a re-sent order says anything the stored one does not (items compared as a set of lines). */
export function orderDiffers(stored: StoredOrder, sent: OrderContent): boolean {
  const sameMoney = (a: Prisma.Decimal | null, b: Prisma.Decimal | null) => (a === null || b === null ? a === b : a.equals(b));
  if (stored.status !== sent.status || stored.currency !== sent.currency || stored.placedAt.getTime() !== sent.placedAt.getTime()) return true;
  if (!sameMoney(stored.amount, sent.amount) || !sameMoney(stored.cost, sent.cost) || !sameMoney(stored.discount, sent.discount)) return true;
  if (sent.items === undefined) return false;
  const lines = (items: readonly OrderItemContent[]) => items.map((item) => JSON.stringify([item.sku, item.name, item.category, item.quantity, item.unitPrice.toFixed(2), item.unitCost?.toFixed(2) ?? null])).sort();
  const [before, after] = [lines(stored.items), lines(sent.items)];
  return before.length !== after.length || before.some((line, index) => line !== after[index]);
}
