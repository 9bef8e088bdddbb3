import { useQuery } from '@tanstack/react-query';
import type { ActionCatalog } from '../../../engine/journey/catalog';
import { validateCriteria } from '../../../engine/journey/conditions/validate';
import { api } from './client';
import { dataOf } from './errors';

type ServedCatalog = Awaited<ReturnType<typeof fetchCatalog>>;

const fetchCatalog = async () => dataOf(await api.GET('/v1/actions/')).actions;

/**
 * The served catalog with each cross-field rule's condition checked: the API describes a
 * condition only as "an object" (the tree is recursive), so the browser checks it here, in the
 * event scope the rules are evaluated in, before its compile and lint rely on it.
 */
function checkedCatalog(served: ServedCatalog): ActionCatalog {
  return served.map((entry) => ({
    ...entry,
    rules: entry.rules.map((rule) => {
      const checked = validateCriteria(rule.when, 'event');
      if (!checked.ok) throw new Error(`action ${entry.id}: the rule on ${rule.field} has an invalid condition (${checked.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')})`);
      return { ...rule, when: checked.criteria };
    }),
  }));
}

/** The action catalog (built-in and custom actions): the palette, the forms, and the browser's compile and lint. */
export function useActionCatalog() {
  return useQuery({
    queryKey: ['actions'],
    queryFn: async (): Promise<ActionCatalog> => checkedCatalog(await fetchCatalog()),
    staleTime: 5 * 60_000,
  });
}
