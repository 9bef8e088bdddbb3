import type { Criteria } from '../../../../engine/journey/conditions';
import { lintJourney, type LintFinding } from '../../../../engine/journey/lint';
import { attribute, branchJourney, lintCatalog, property, score, tag } from './fixtures';

// Branch findings must always be true: these are the cases where a naive set model would be
// wrong about how the condition language (compile.ts's SQL, compareJson) treats lists, numeric
// text, case, enum columns, whole numbers and conditions it cannot read.
const branchFindings = (conditions: Criteria[]): Pick<LintFinding, 'code' | 'field'>[] =>
  lintJourney(branchJourney(conditions.map((condition, index) => ({ id: `b${index}`, condition }))), { catalog: lintCatalog })
    .findings.filter((finding) => finding.severity === 'warning')
    .map(({ code, field }) => ({ code, field }));

const at = (code: string, index: number) => ({ code, field: `config.branches.${index}.condition` });
const never = at('never_true_condition', 0);
const stage = (operator: 'in' | 'not_in', values: string[]): Criteria => ({ type: 'lifecycle_stage', operator, values });
const bucket = (from: number, to: number): Criteria => ({ type: 'random_bucket', from, to });

describe('branch checks', () => {
  it('finds contradictions, on every kind of field it reads', () => {
    const contradictions: Criteria[] = [
      { all: [property('total', 'gt', { value: 100 }), property('total', 'lt', { value: 50 })] },
      { all: [attribute('attributes.plan', 'equals', { value: 'gold' }), attribute('attributes.plan', 'not_equals', { value: 'gold' })] },
      { all: [score('clv.predicted', 'between', { from: 0, to: 10 }), score('clv.predicted', 'gt', { value: 10 })] },
      { all: [stage('in', ['active']), stage('not_in', ['active', 'loyal'])] },
      { all: [{ type: 'consent', channel: 'email', status: 'granted' }, { type: 'consent', channel: 'email', status: 'withdrawn' }] },
      { all: [{ type: 'consent', channel: 'sms', status: 'none' }, { type: 'consent', channel: 'sms', status: 'pending' }] },
      { all: [{ type: 'topic', topic: 'news', subscribed: true }, { type: 'topic', topic: 'news', subscribed: false }] },
      { all: [attribute('doNotContact', 'equals', { value: true }), attribute('doNotContact', 'not_equals', { value: true })] },
      { all: [bucket(0, 9), bucket(10, 19)] },
      // Text equality is case-sensitive: "Gold" is not "gold".
      { all: [attribute('attributes.plan', 'equals', { value: 'Gold' }), attribute('attributes.plan', 'in', { values: ['gold', 'silver'] })] },
    ];
    for (const condition of contradictions) expect(branchFindings([condition])).toEqual([never]);
  });

  it('a contact holds many tags: two tags at once is not a contradiction, a tag and its absence is', () => {
    expect(branchFindings([{ all: [tag('a'), tag('b')] }])).toEqual([]);
    expect(branchFindings([{ all: [tag('a'), tag('a', false)] }])).toEqual([never]);
    expect(branchFindings([{ all: [{ any: [tag('a'), tag('b')] }, { not: tag('a') }, tag('b', false)] }])).toEqual([never]);
  });

  it('tags cover and overlap as sets of names do', () => {
    expect(branchFindings([tag('a'), tag('b'), { any: [tag('b'), tag('a')] }])).toEqual([at('overlapping_branches', 1), at('shadowed_branch', 2)]);
    expect(branchFindings([tag('a'), { all: [tag('a'), tag('vip')] }])).toEqual([at('shadowed_branch', 1)]);
    // A contact tagged both a and b takes "a".
    expect(branchFindings([tag('a'), tag('b')])).toEqual([at('overlapping_branches', 1)]);
    expect(branchFindings([tag('a'), tag('a', false)])).toEqual([]);
  });

  it('a list attribute is one value, compared as its text', () => {
    // ["shoes", "bags"] is neither "shoes" nor "bags": one text cannot be both.
    expect(branchFindings([{ all: [attribute('attributes.interests', 'equals', { value: 'shoes' }), attribute('attributes.interests', 'equals', { value: 'bags' })] }])).toEqual([never]);
    expect(branchFindings([
      attribute('attributes.plan', 'not_in', { values: ['gold', 'silver'] }),
      { all: [attribute('attributes.plan', 'not_equals', { value: 'gold' }), attribute('attributes.plan', 'not_equals', { value: 'silver' })] },
    ])).toEqual([at('shadowed_branch', 1)]);
  });

  it('a number comparison covers an equality on the same number, on scores and attributes alike', () => {
    const shadowed = [at('shadowed_branch', 1)];
    expect(branchFindings([attribute('attributes.level', 'gt', { value: 0 }), attribute('attributes.level', 'equals', { value: 5 })])).toEqual(shadowed);
    expect(branchFindings([score('lead.score', 'gt', { value: 0 }), score('lead.score', 'equals', { value: 5 })])).toEqual(shadowed);
    expect(branchFindings([score('lead.score', 'between', { from: 0, to: 9 }), score('lead.score', 'in', { values: [1, 5] })])).toEqual(shadowed);
    expect(branchFindings([score('clv.predicted', 'between', { from: 0, to: 100 }), score('clv.predicted', 'between', { from: 50, to: 150 })])).toEqual([at('overlapping_branches', 1)]);
  });

  it('overlaps only on values a contact can hold: whole numbers, cents, buckets, enum columns', () => {
    // Lead scores are whole numbers: nothing is over 50 and under 51. A probability is a float.
    expect(branchFindings([score('lead.score', 'gt', { value: 50 }), score('lead.score', 'lt', { value: 51 })])).toEqual([]);
    expect(branchFindings([score('clv.predicted', 'gt', { value: 50 }), score('clv.predicted', 'lt', { value: 50.01 })])).toEqual([]);
    expect(branchFindings([score('clv.probabilityAlive', 'gt', { value: 0.5 }), score('clv.probabilityAlive', 'lt', { value: 0.51 })])).toEqual([at('overlapping_branches', 1)]);
    expect(branchFindings([bucket(0, 49), bucket(50, 99), bucket(0, 99)])).toEqual([at('shadowed_branch', 2)]);
    expect(branchFindings([bucket(0, 49), bucket(40, 59)])).toEqual([at('overlapping_branches', 1)]);
    // Five statuses: "none of four" and "not lost" leave nothing in common.
    expect(branchFindings([attribute('status', 'not_in', { values: ['active', 'inactive', 'vip', 'at_risk'] }), attribute('status', 'not_equals', { value: 'lost' })])).toEqual([]);
    const others = ['prospect', 'new_customer', 'active', 'at_risk', 'inactive', 'churned', 'win_back', 'loyal'];
    expect(branchFindings([stage('not_in', others), stage('not_in', ['champion'])])).toEqual([]);
    expect(branchFindings([stage('in', others), stage('in', ['champion']), stage('not_in', ['no-such-stage'])])).toEqual([at('shadowed_branch', 2)]);
  });

  it('leaves alone numeric, boolean-like and mixed comparisons: text equality is not number equality', () => {
    // A score has no text form, a flag's true is not "true", and "5" the text is not 5 the number.
    expect(branchFindings([{ all: [score('lead.score', 'equals', { value: '.5' }), score('lead.score', 'equals', { value: 0.5 })] }])).toEqual([]);
    expect(branchFindings([score('churn_risk.probability', 'in', { values: ['0.50', '7'] }), score('churn_risk.probability', 'equals', { value: 0.5 })])).toEqual([]);
    // …while a whole-number score really is never 0.5.
    expect(branchFindings([score('lead.score', 'equals', { value: 0.5 })])).toEqual([never]);
    expect(branchFindings([{ all: [property('flag', 'equals', { value: 'true' }), property('flag', 'equals', { value: true })] }])).toEqual([]);
    expect(branchFindings([{ all: [property('code', 'equals', { value: '5' }), property('code', 'gt', { value: 5 })] }])).toEqual([]);
    // contains and starts_with ignore case and are not modelled.
    expect(branchFindings([{ all: [attribute('email', 'contains', { value: 'A' }), attribute('email', 'equals', { value: 'b' })] }])).toEqual([]);
  });

  it('reads groups and negations on one field; leaves alone those across fields and fields nested in each other', () => {
    expect(branchFindings([{ all: [{ any: [score('lead.score', 'gt', { value: 10 })] }, score('lead.score', 'lt', { value: 5 })] }])).toEqual([never]);
    expect(branchFindings([{ all: [score('lead.score', 'gt', { value: 10 }), { not: score('lead.score', 'gt', { value: 5 }) }] }])).toEqual([never]);
    expect(branchFindings([{ not: score('lead.score', 'gt', { value: 10 }) }])).toEqual([]);
    // Really never true, but a "not" over two fields is not a product: nothing certain to say.
    expect(branchFindings([{ all: [{ not: { all: [score('lead.score', 'gt', { value: 10 }), tag('a')] } }, score('lead.score', 'gt', { value: 10 }), tag('a')] }])).toEqual([]);
    expect(branchFindings([{ all: [{ any: [score('lead.score', 'gt', { value: 10 }), tag('a')] }, score('lead.score', 'lt', { value: 5 })] }])).toEqual([]);
    expect(branchFindings([property('cart', 'equals', { value: 'x' }), { all: [property('cart', 'equals', { value: 'x' }), property('cart.id', 'equals', { value: 'gold' })] }])).toEqual([]);
  });

  it('does not claim overlaps through topics and segments, whose values depend on other data', () => {
    const member: Criteria = { type: 'segment', segmentId: '7d5c2b0e-4f55-4a0c-9a63-0d4a1b7f3a10', operator: 'member' };
    expect(branchFindings([{ all: [member, tag('a')] }, { all: [member, tag('b')] }])).toEqual([]);
    expect(branchFindings([member, { all: [member, tag('b')] }])).toEqual([at('shadowed_branch', 1)]);
  });

  it('an unreadable earlier branch does not stop two readable ones from covering a later one', () => {
    expect(branchFindings([
      score('lead.score', 'lt', { value: 10 }),
      attribute('firstName', 'contains', { value: 'A' }),
      score('lead.score', 'gte', { value: 10 }),
      score('lead.score', 'gt', { value: -1 }),
    ])).toEqual([at('shadowed_branch', 3)]);
  });
});
