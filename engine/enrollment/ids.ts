/** One bulk enrollment of a segment into a journey at a time: Temporal refuses a second start of this id while one runs. */
export const segmentEnrollmentWorkflowId = (journeyId: string, segmentId: string): string => `bulk-enroll:${journeyId}:segment:${segmentId}`;
