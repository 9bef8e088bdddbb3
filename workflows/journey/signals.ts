import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { JourneyEvent } from '../../activities/journey/types';
import type { JourneyRunResult } from './types';

/** An event of the contact, for waits and exit criteria. Sent only to runs that exist. */
export const journeyEventSignal = defineSignal<[JourneyEvent]>('journeyEvent');

/** The contact's data changed: re-check waiting conditions and condition exit criteria. */
export const contactChangedSignal = defineSignal('contactChanged');

export interface JourneyRunStatus {
  enrollmentId?: string;
  nodeId: string | null;
  step: number;
  waiting: boolean;
  /** Set once the run has ended (queries work on closed runs too). */
  result?: JourneyRunResult;
}

export const journeyStatusQuery = defineQuery<JourneyRunStatus>('journeyStatus');
