import { Prisma } from '../../../prisma/generated/client';

/** Prisma.join, but nothing for no parts (Prisma.join throws on an empty list; rule lists may be empty). */
export function joinOrEmpty(parts: readonly Prisma.Sql[], separator = ', '): Prisma.Sql {
  return parts.length === 0 ? Prisma.empty : Prisma.join([...parts], separator);
}
