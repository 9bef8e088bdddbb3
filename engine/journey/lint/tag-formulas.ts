// Tag conditions as formulas over "has tag X": a contact's tags are any set of names, so each
// "has X" is true or false independently of the others, and a formula is decided exactly by
// trying every assignment of the tags it names (has, has not, all, any, not alike).

export type TagFormula =
  | { readonly op: 'has'; readonly tag: string }
  | { readonly op: 'not'; readonly of: TagFormula }
  | { readonly op: 'and' | 'or'; readonly of: readonly TagFormula[] };

/** Beyond this many distinct tags the checks say nothing rather than try 2^n assignments. */
const MAX_TAGS = 12;

export const hasTag = (tag: string): TagFormula => ({ op: 'has', tag });
export const notTags = (of: TagFormula): TagFormula => ({ op: 'not', of });
export const andTags = (...of: TagFormula[]): TagFormula => ({ op: 'and', of });
export const orTags = (...of: TagFormula[]): TagFormula => ({ op: 'or', of });

/** Whether some set of tags satisfies the formula; undefined when it names too many tags to try. */
export function satisfiable(formula: TagFormula): boolean | undefined {
  const names = [...tagsOf(formula, new Set())];
  if (names.length > MAX_TAGS) return undefined;
  for (let mask = 0; mask < 2 ** names.length; mask += 1) {
    const held = new Set(names.filter((_, index) => (mask >> index) & 1));
    if (holds(formula, held)) return true;
  }
  return false;
}

function tagsOf(formula: TagFormula, into: Set<string>): Set<string> {
  if (formula.op === 'has') into.add(formula.tag);
  else if (formula.op === 'not') tagsOf(formula.of, into);
  else for (const part of formula.of) tagsOf(part, into);
  return into;
}

function holds(formula: TagFormula, held: ReadonlySet<string>): boolean {
  switch (formula.op) {
    case 'has':
      return held.has(formula.tag);
    case 'not':
      return !holds(formula.of, held);
    case 'and':
      return formula.of.every((part) => holds(part, held));
    case 'or':
      return formula.of.some((part) => holds(part, held));
  }
}
