import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { dataOf } from './errors';

// What the pickers offer: the workspace's own event names, contact attributes, segments and
// templates. Cached for a minute; the lists are small (the engine caps each).

export function useEventNames() {
  return useQuery({ queryKey: ['events', 'names'], queryFn: async () => dataOf(await api.GET('/v1/events/names')).events, staleTime: 60_000 });
}

export function useContactAttributes() {
  return useQuery({ queryKey: ['contacts', 'attributes'], queryFn: async () => dataOf(await api.GET('/v1/contacts/attributes')).attributes, staleTime: 60_000 });
}

export function useSegments() {
  return useQuery({ queryKey: ['segments', 'picker'], queryFn: async () => dataOf(await api.GET('/v1/segments/', { params: { query: { limit: 200 } } })).segments, staleTime: 60_000 });
}

export function useTemplates(channel: 'email' | 'sms') {
  return useQuery({
    queryKey: ['templates', 'picker', channel],
    queryFn: async () => dataOf(await api.GET('/v1/templates/', { params: { query: { channel, limit: 200 } } })).templates,
    staleTime: 60_000,
  });
}
