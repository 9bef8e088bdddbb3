import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { JourneyDraft } from '../../../engine/journey/schema';
import { api } from './client';
import { dataOf } from './errors';
import type { paths } from './schema';

export type JourneySummary = paths['/v1/journeys/']['get']['responses']['200']['content']['application/json']['journeys'][number];
export type JourneyStatus = JourneySummary['status'];
export type JourneyDetail = paths['/v1/journeys/{journeyId}']['get']['responses']['200']['content']['application/json'];

export const journeyKeys = {
  all: ['journeys'] as const,
  list: (filters: { q: string; status: JourneyStatus | undefined }) => ['journeys', 'list', filters] as const,
  detail: (journeyId: string) => ['journeys', 'detail', journeyId] as const,
  versions: (journeyId: string) => ['journeys', 'versions', journeyId] as const,
};

export function useJourneys(filters: { q: string; status: JourneyStatus | undefined }) {
  return useQuery({
    queryKey: journeyKeys.list(filters),
    queryFn: async () => {
      const query = { limit: 200, ...(filters.q && { q: filters.q }), ...(filters.status && { status: filters.status }) };
      return dataOf(await api.GET('/v1/journeys/', { params: { query } })).journeys;
    },
    placeholderData: keepPreviousData,
  });
}

export function useJourney(journeyId: string) {
  return useQuery({
    queryKey: journeyKeys.detail(journeyId),
    queryFn: async () => dataOf(await api.GET('/v1/journeys/{journeyId}', { params: { path: { journeyId } } })),
    // Always fetched when an editor opens (see JourneyEditorPage): a cached copy may hold an
    // older draft and revision than this browser itself saved since.
    refetchOnMount: 'always',
  });
}

export function useCreateJourney() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (draft: JourneyDraft) => dataOf(await api.POST('/v1/journeys/', { body: { draft } })),
    onSuccess: () => client.invalidateQueries({ queryKey: journeyKeys.all }),
  });
}

export type SavedDraft = paths['/v1/journeys/{journeyId}/draft']['put']['responses']['200']['content']['application/json'];

export async function saveDraft(journeyId: string, draft: JourneyDraft, revision: number): Promise<SavedDraft> {
  return dataOf(await api.PUT('/v1/journeys/{journeyId}/draft', { params: { path: { journeyId } }, body: { draft, revision } }));
}

export function usePublish(journeyId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => dataOf(await api.POST('/v1/journeys/{journeyId}/publish', { params: { path: { journeyId } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: journeyKeys.all }),
  });
}

type StatusChange = 'pause' | 'resume' | 'archive';

export function useStatusChange(journeyId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (change: StatusChange) => {
      const params = { params: { path: { journeyId } } };
      if (change === 'pause') return dataOf(await api.POST('/v1/journeys/{journeyId}/pause', params));
      if (change === 'resume') return dataOf(await api.POST('/v1/journeys/{journeyId}/resume', params));
      return dataOf(await api.POST('/v1/journeys/{journeyId}/archive', params));
    },
    onSuccess: () => client.invalidateQueries({ queryKey: journeyKeys.all }),
  });
}

export type JourneyStats = paths['/v1/journeys/{journeyId}/stats']['get']['responses']['200']['content']['application/json'];
export type NodeStats = JourneyStats['nodes'][number];

/** Per-node statistics, refreshed every few seconds while contacts can be moving through the journey. */
export function useJourneyStats(journeyId: string, options: { version: number | undefined; live: boolean }) {
  return useQuery({
    queryKey: ['journeys', 'stats', journeyId, options.version ?? 'all'],
    queryFn: async () => {
      const query = options.version === undefined ? {} : { version: options.version };
      return dataOf(await api.GET('/v1/journeys/{journeyId}/stats', { params: { path: { journeyId }, query } }));
    },
    refetchInterval: options.live ? 3_000 : false,
  });
}

export type JourneyVersions = paths['/v1/journeys/{journeyId}/versions']['get']['responses']['200']['content']['application/json']['versions'];

export function useJourneyVersions(journeyId: string) {
  return useQuery({
    queryKey: journeyKeys.versions(journeyId),
    queryFn: async () => dataOf(await api.GET('/v1/journeys/{journeyId}/versions', { params: { path: { journeyId } } })).versions,
  });
}

export function useJourneyVersion(journeyId: string, version: number | undefined) {
  return useQuery({
    queryKey: ['journeys', 'version', journeyId, version],
    queryFn: async () => dataOf(await api.GET('/v1/journeys/{journeyId}/versions/{version}', { params: { path: { journeyId, version: version ?? 0 } } })),
    enabled: version !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
