import { useQuery } from '@tanstack/react-query';
import type { ActionCatalog } from '../../../engine/journey/catalog';
import { api } from './client';
import { dataOf } from './errors';

/** The action catalog (built-in and custom actions): the palette, the forms, and the browser's compile and lint. */
export function useActionCatalog() {
  return useQuery({
    queryKey: ['actions'],
    queryFn: async (): Promise<ActionCatalog> => dataOf(await api.GET('/v1/actions/')).actions,
    staleTime: 5 * 60_000,
  });
}
