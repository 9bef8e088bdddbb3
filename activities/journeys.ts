/** What activities may do to other journeys; the engine injects it (activities import no engine services). */
export interface JourneyStarter {
  /** Enters the contact into the journey's latest published version; false when none is published. */
  start(request: { workspaceId: string; journeyId: string; contactId: string }): Promise<boolean>;
}
