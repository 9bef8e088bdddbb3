import type { JourneyDraft, TriggerConfig } from '../../engine/journey/schema';
import { stringField, type EngineApi } from './api';

/**
 * trigger → call a webhook at the arrival server (`<hitUrl><contact's external id>`) → exit,
 * saved and published through the API as a marketer's journey would be. The webhook is the
 * journey's first action: its request reaching the server is "the first action executed".
 */
export async function publishWebhookJourney(api: EngineApi, name: string, trigger: TriggerConfig, hitUrl: string): Promise<string> {
  const at = (row: number) => ({ x: 0, y: row * 120 });
  const draft: JourneyDraft = {
    schemaVersion: 2,
    name,
    settings: { reentry: { mode: 'always' }, exitCriteria: [] },
    nodes: [
      { id: 'start', kind: 'trigger', position: at(0), config: trigger },
      { id: 'hook', kind: 'action', position: at(1), config: { actionId: 'webhook', actionVersion: 1, input: { method: 'POST', url: `${hitUrl}{{ contact.externalId }}`, headers: {}, timeoutMs: 10_000 } } },
      { id: 'done', kind: 'exit', position: at(2), config: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'hook' },
      { id: 'e2', source: 'hook', target: 'done', sourceHandle: 'next' },
    ],
  };
  const journeyId = stringField(await api.send('PUT', '/v1/journeys/drafts', draft), 'journeyId');
  await api.send('POST', `/v1/journeys/${journeyId}/publish`, {});
  return journeyId;
}
