// The fields a journey condition can read, as the condition builder offers them. The paths are
// the facts activities/journey/facts.ts builds for a contact; custom attributes
// (`contact.attributes.<key>`), the entry event's properties (`event.properties.<key>`) and
// subscription topics (`topics.<key>`) come from the workspace and are added by the builder.

export type ConditionFieldType = 'string' | 'number' | 'boolean' | 'date' | 'list';

export interface ConditionField {
  readonly path: string;
  readonly label: string;
  readonly group: 'Contact' | 'Scores' | 'Consent';
  readonly type: ConditionFieldType;
}

const contact = (key: string, label: string, type: ConditionFieldType = 'string'): ConditionField => ({ path: `contact.${key}`, label, group: 'Contact', type });
const score = (model: string, key: string, label: string, type: ConditionFieldType = 'number'): ConditionField => ({ path: `score.${model}.${key}`, label, group: 'Scores', type });
const consent = (channel: string, purpose: string): ConditionField => ({ path: `consent.${channel}.${purpose}`, label: `${channel} ${purpose} consent`, group: 'Consent', type: 'string' });

export const CONDITION_FIELDS: readonly ConditionField[] = [
  contact('email', 'Email'), contact('phone', 'Phone'), contact('firstName', 'First name'), contact('lastName', 'Last name'), contact('company', 'Company'),
  contact('externalId', 'External id'), contact('type', 'Type'), contact('source', 'Source'), contact('status', 'Status'), contact('lifecycleStage', 'Lifecycle stage'),
  contact('journeyStage', 'Journey stage'), contact('timezone', 'Time zone'), contact('locale', 'Locale'), contact('preferredChannel', 'Preferred channel'),
  contact('doNotContact', 'Do not contact', 'boolean'), contact('tags', 'Tags', 'list'), contact('createdAt', 'Created', 'date'), contact('lastSeenAt', 'Last seen', 'date'),
  score('rfm', 'recency', 'RFM recency'), score('rfm', 'frequency', 'RFM frequency'), score('rfm', 'monetary', 'RFM monetary'), score('rfm', 'segment', 'RFM segment', 'string'),
  score('rfm', 'daysSinceLast', 'Days since last order'), score('rfm', 'orderCount', 'Order count'), score('rfm', 'totalSpend', 'Total spend'),
  score('clv', 'historicalValue', 'Historical CLV'), score('clv', 'predictedValue', 'Predicted CLV'), score('clv', 'averageOrderValue', 'Average order value'),
  score('clv', 'profit', 'Profit'), score('clv', 'probabilityAlive', 'Probability alive'),
  score('lead', 'score', 'Lead score'), score('lead', 'fitScore', 'Lead fit'), score('lead', 'behaviourScore', 'Lead behaviour'), score('lead', 'engagementScore', 'Lead engagement'),
  score('lead', 'qualification', 'Lead qualification', 'string'),
  score('churn_risk', 'probability', 'Churn probability'), score('churn_risk', 'band', 'Churn band', 'string'),
  score('engagement', 'score', 'Engagement score'), score('engagement', 'lastEngagedAt', 'Last engaged', 'date'),
  score('health', 'score', 'Health score'), score('health', 'level', 'Health level', 'string'),
  ...['email', 'sms', 'push', 'whatsapp'].flatMap((channel) => [consent(channel, 'marketing'), consent(channel, 'transactional')]),
];
