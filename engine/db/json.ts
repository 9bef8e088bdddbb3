import type { Prisma } from '../../prisma/generated/client';

/**
 * A JSON-compatible value as Prisma's Json columns accept it. The round trip through
 * JSON text drops `undefined` fields (TypeBox optionals) that Prisma's input type rejects,
 * and proves the value is plain data before it is stored.
 */
export function toJsonColumn(value: unknown): Prisma.InputJsonValue {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  const parsed: Prisma.InputJsonValue = JSON.parse(text);
  return parsed;
}
