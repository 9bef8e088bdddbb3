// A leaf module (no imports), so the publish path can announce changes without depending on
// the dispatcher, and the dispatcher can listen without the publish path knowing about it.

type Listener = (workspaceId: string) => void;

const listeners = new Set<Listener>();

/**
 * Call after a journey's triggers may have changed: it was published, paused, resumed or
 * archived. Dispatchers in this process drop the workspace's cached trigger index at once.
 * (Other processes, and changes that skip this call, are caught by the index's stamp check:
 * see trigger-cache.ts.)
 */
export function journeyTriggersChanged(workspaceId: string): void {
  for (const listener of listeners) listener(workspaceId);
}

/** Subscribes to `journeyTriggersChanged`; returns the unsubscribe function. */
export function onJourneyTriggersChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
