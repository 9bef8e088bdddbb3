import { defineSearchAttributeKey } from '@temporalio/common';

/**
 * Custom search attributes of journey runs, so runs can be listed and counted per journey,
 * version, node and contact in Temporal itself. They must be registered on the namespace:
 * the embedded dev server does it at start (engine/temporal), compose's namespace job too.
 */
export const JOURNEY_SEARCH_ATTRIBUTES = {
  workspaceId: defineSearchAttributeKey('JourneyWorkspaceId', 'KEYWORD'),
  journeyId: defineSearchAttributeKey('JourneyId', 'KEYWORD'),
  version: defineSearchAttributeKey('JourneyVersion', 'INT'),
  nodeId: defineSearchAttributeKey('JourneyNodeId', 'KEYWORD'),
  contactId: defineSearchAttributeKey('JourneyContactId', 'KEYWORD'),
} as const;
