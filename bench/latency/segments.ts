/** The trigger segment of P4: a contact enters it when their plan becomes `pro`. */
export const TRIGGER_SEGMENT = {
  name: 'Pro teams',
  criteria: { all: [{ type: 'attribute', field: 'attributes.plan', operator: 'equals', value: 'pro' }, { type: 'attribute', field: 'attributes.seats', operator: 'gte', value: 3 }] },
};

const PLANS = ['free', 'starter', 'pro', 'enterprise'];
const COUNTRIES = ['GB', 'FR', 'DE', 'US', 'ES', 'IT', 'NL', 'SE'];
const TAGS = ['vip', 'newsletter', 'beta', 'partner', 'churned'];
const RFM = ['champions', 'loyal_customers', 'potential_loyalists', 'at_risk', 'hibernating'];

/**
 * `count` more dynamic segments of the kinds a marketing team keeps: plan and seat bands,
 * countries with lead scores, engagement or tags, RFM groups, churn risk. About half read
 * `attributes.plan`, so the change P4 makes re-evaluates them all, as a busy workspace would.
 */
export function workspaceSegments(count: number): { name: string; criteria: unknown }[] {
  return Array.from({ length: count }, (_, index) => {
    const plan = PLANS[index % PLANS.length] ?? 'free';
    const other = PLANS[(index + 1) % PLANS.length] ?? 'pro';
    const band = index % 10;
    switch (index % 6) {
      case 0:
        return { name: `${plan} plan, ${band}–${band + 10} seats #${index}`, criteria: { all: [{ type: 'attribute', field: 'attributes.plan', operator: 'equals', value: plan }, { type: 'attribute', field: 'attributes.seats', operator: 'between', from: band, to: band + 10 }] } };
      case 1:
        return { name: `Leads in ${COUNTRIES[index % COUNTRIES.length] ?? 'GB'} #${index}`, criteria: { all: [{ type: 'attribute', field: 'attributes.country', operator: 'equals', value: COUNTRIES[index % COUNTRIES.length] }, { type: 'score', field: 'lead.score', operator: 'gte', value: 10 + index }] } };
      case 2:
        return { name: `Engaged or ${TAGS[index % TAGS.length] ?? 'vip'} #${index}`, criteria: { any: [{ type: 'score', field: 'engagement.score', operator: 'gte', value: 20 + (index % 60) }, { type: 'tag', operator: 'has', tag: TAGS[index % TAGS.length] }] } };
      case 3:
        return { name: `${plan} or ${other}, reachable #${index}`, criteria: { all: [{ type: 'attribute', field: 'attributes.plan', operator: 'in', values: [plan, other] }, { not: { type: 'consent', channel: 'email', status: 'withdrawn' } }] } };
      case 4:
        return { name: `RFM ${RFM[index % RFM.length] ?? 'champions'} #${index}`, criteria: { type: 'score', field: 'rfm.segment', operator: 'in', values: [RFM[index % RFM.length], RFM[(index + 2) % RFM.length]] } };
      default:
        return { name: `Paying, MRR over ${index * 10}, churn risk #${index}`, criteria: { all: [{ type: 'attribute', field: 'attributes.mrr', operator: 'gt', value: index * 10 }, { type: 'score', field: 'churn_risk.probability', operator: 'gte', value: 0.5 }, { type: 'attribute', field: 'attributes.plan', operator: 'not_equals', value: 'free' }] } };
    }
  });
}
