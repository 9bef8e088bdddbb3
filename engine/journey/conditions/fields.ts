import type { ScoreField } from './language';
import { attributeKind, scoreKind, type ValueKind } from './value-kinds';

// The values a condition can compare, as the condition builder offers them: the contact's
// profile fields (`attribute` conditions) and scores (`score` conditions). The workspace adds
// its custom attributes (`attributes.<key>`) and the entry event's properties (`property`);
// tags, stages, consent, topics, segments, events and orders have conditions of their own.

/** The condition the field is compared by, and its `field` there: `email`, `lastSeenAt`, `clv.predicted`. */
export type ConditionField = ({ readonly type: 'attribute'; readonly field: string } | { readonly type: 'score'; readonly field: ScoreField }) & {
  readonly label: string;
  readonly group: 'Contact' | 'Scores';
  /** What kind of value it holds, which decides the operators offered. */
  readonly kind: ValueKind;
};

const contact = (field: string, label: string): ConditionField => ({ type: 'attribute', field, label, group: 'Contact', kind: attributeKind(field) });
const score = (field: ScoreField, label: string): ConditionField => ({ type: 'score', field, label, group: 'Scores', kind: scoreKind(field) });

export const CONDITION_FIELDS: readonly ConditionField[] = [
  contact('email', 'Email'), contact('phone', 'Phone'), contact('firstName', 'First name'), contact('lastName', 'Last name'), contact('company', 'Company'),
  contact('externalId', 'External id'), contact('type', 'Type'), contact('source', 'Source'), contact('status', 'Status'), contact('timezone', 'Time zone'),
  contact('locale', 'Locale'), contact('preferredChannel', 'Preferred channel'), contact('doNotContact', 'Do not contact'), contact('createdAt', 'Created'),
  contact('lastSeenAt', 'Last seen'),
  score('rfm.recency', 'RFM recency'), score('rfm.frequency', 'RFM frequency'), score('rfm.monetary', 'RFM monetary'), score('rfm.segment', 'RFM segment'),
  score('rfm.daysSinceLast', 'Days since last order'), score('rfm.orderCount', 'Order count'), score('rfm.totalSpend', 'Total spend'),
  score('clv.historical', 'Historical CLV'), score('clv.predicted', 'Predicted CLV'), score('clv.averageOrderValue', 'Average order value'),
  score('clv.profit', 'Profit'), score('clv.probabilityAlive', 'Probability alive'),
  score('lead.score', 'Lead score'), score('lead.fit', 'Lead fit'), score('lead.behaviour', 'Lead behaviour'), score('lead.engagement', 'Lead engagement'),
  score('lead.qualification', 'Lead qualification'), score('churn_risk.probability', 'Churn probability'), score('churn_risk.band', 'Churn band'),
  score('engagement.score', 'Engagement score'), score('engagement.lastEngagedAt', 'Last engaged'), score('health.score', 'Health score'), score('health.level', 'Health level'),
];
