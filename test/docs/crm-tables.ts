import { JOURNEY_RULES } from '../../engine/crm/lifecycle/journey-rules';
import { LIFECYCLE_RULES } from '../../engine/crm/lifecycle/rules';
import { FREQUENCY_BANDS, MONETARY_BANDS, RECENCY_BANDS, RFM_QUINTILE_TIE_RULE, RFM_SEGMENTS } from '../../engine/crm/rfm';

// The reference tables of docs/crm.md, rendered from the tables the SQL is generated from, so
// the documentation cannot drift from what runs (test/docs/crm-reference.test.ts).

const row = (cells: readonly (string | number)[]): string => `| ${cells.join(' | ')} |`;
const table = (header: readonly string[], rows: readonly (readonly (string | number)[])[]): string =>
  [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');
const money = (value: number): string => value.toLocaleString('en');

export function rfmThresholdTable(): string {
  const recency = (index: number): string => {
    const band = RECENCY_BANDS[index];
    const previous = RECENCY_BANDS[index - 1];
    const from = previous?.maxDays === null || previous === undefined ? 0 : previous.maxDays + 1;
    return band?.maxDays === null || band === undefined ? `over ${previous?.maxDays ?? 0} days` : `${from}–${band.maxDays} days`;
  };
  const frequency = (index: number): string => {
    const band = FREQUENCY_BANDS[index];
    const above = FREQUENCY_BANDS[index - 1];
    if (!band) return '';
    if (!above) return `${band.minOrders} or more`;
    return above.minOrders - 1 === band.minOrders ? `${band.minOrders}` : `${band.minOrders}–${above.minOrders - 1}`;
  };
  const monetary = (index: number): string => {
    const band = MONETARY_BANDS[index];
    const above = MONETARY_BANDS[index - 1];
    if (!band) return '';
    if (!above) return `${money(band.minSpend)} or more`;
    return band.minSpend === 0 ? `under ${money(above.minSpend)}` : `${money(band.minSpend)}–${money(above.minSpend - 0.01)}`;
  };
  return table(
    ['Score', 'Recency (days since the last order)', 'Frequency (orders in the lookback)', 'Monetary (spend in the lookback)'],
    RECENCY_BANDS.map((band, index) => [band.score, recency(index), frequency(index), monetary(index)]),
  );
}

export function rfmQuintileTieRule(): string {
  return RFM_QUINTILE_TIE_RULE;
}

export function rfmSegmentTable(): string {
  return table(
    ['Order', 'Segment (`label`)', 'Rule', 'Who they are'],
    RFM_SEGMENTS.map((segment, index) => [index + 1, `${segment.name} (\`${segment.label}\`)`, segment.rule, segment.description]),
  );
}

export function lifecycleRuleTable(): string {
  return table(
    ['Order', 'Stage', 'Rule (settings in `crm.lifecycle`)'],
    LIFECYCLE_RULES.map((rule, index) => [index + 1, `\`${rule.stage}\``, rule.rule]),
  );
}

export function journeyRuleTable(): string {
  return table(
    ['Order', 'Stage', 'Rule (settings in `crm.lifecycle`)'],
    JOURNEY_RULES.map((rule, index) => [index + 1, `\`${rule.stage}\``, rule.rule]),
  );
}

export const CRM_REFERENCE_TABLES: Readonly<Record<string, () => string>> = {
  'RFM thresholds': rfmThresholdTable,
  'RFM quintile tie rule': rfmQuintileTieRule,
  'RFM segments': rfmSegmentTable,
  'lifecycle rules': lifecycleRuleTable,
  'journey stage rules': journeyRuleTable,
};
