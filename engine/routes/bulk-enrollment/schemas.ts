import { Type } from 'typebox';
import { MAX_RATE_PER_SECOND } from '../../../workflows/enrollment/defaults';

export const JourneyParams = Type.Object({ journeyId: Type.String({ format: 'uuid' }) });
export const RunParams = Type.Object({ journeyId: Type.String({ format: 'uuid' }), runId: Type.String({ format: 'uuid' }) });

export const EnrollSegmentBody = Type.Object(
  {
    segmentId: Type.String({ format: 'uuid', description: 'The segment whose current members enter the journey.' }),
    ratePerSecond: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_RATE_PER_SECOND, description: 'Contacts entered per second at most (default 100).' })),
  },
  { additionalProperties: false },
);

export const EnrollSegmentStarted = Type.Object({
  runId: Type.String({ description: 'Follow it with GET /v1/journeys/{journeyId}/enroll-segment/{runId}.' }),
  workflowId: Type.String(),
  alreadyRunning: Type.Boolean({ description: 'True when this segment was already being enrolled into the journey: the answer is that run.' }),
});

export const EnrollSegmentProgress = Type.Object({
  runId: Type.String(),
  journeyId: Type.String(),
  segmentId: Type.Union([Type.String(), Type.Null()]),
  trigger: Type.String(),
  status: Type.Union([Type.Literal('running'), Type.Literal('completed'), Type.Literal('failed'), Type.Literal('cancelled')]),
  ratePerSecond: Type.Integer(),
  totalContacts: Type.Integer({ description: 'Members of the segment when the run began.' }),
  enrolled: Type.Integer({ description: 'Runs started (the journey’s entry rules still apply inside each run).' }),
  skipped: Type.Integer({ description: 'Contacts already in the journey, left alone.' }),
  failed: Type.Integer({ description: 'Contacts Temporal refused to start.' }),
  percent: Type.Number(),
  startedAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
});
