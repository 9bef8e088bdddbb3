import { lintJourney, type LintFinding } from '../../../../engine/journey/lint';
import { branchJourney, lintCatalog, rule } from './fixtures';

// Branch findings must always be true: these are the cases where a naive set model would
// be wrong about how `evaluateCondition` treats lists, numeric strings and odd rule values.
const branchFindings = (branches: Parameters<typeof branchJourney>[0]): Pick<LintFinding, 'code' | 'field'>[] =>
  lintJourney(branchJourney(branches), { catalog: lintCatalog })
    .findings.filter((finding) => finding.severity === 'warning')
    .map(({ code, field }) => ({ code, field }));

describe('branch checks and list values', () => {
  it('a list attribute can equal two values at once: not never-true', () => {
    expect(branchFindings([{ id: 'both', rules: [rule('contact.attributes.interests', 'equals', 'shoes'), rule('contact.attributes.interests', 'equals', 'bags')] }])).toEqual([]);
    expect(branchFindings([{ id: 'both', rules: [rule('contact.tags', 'in', ['a']), rule('contact.tags', 'in', ['b'])] }])).toEqual([]);
  });

  it('still finds contradictions no list can satisfy', () => {
    const never = { code: 'never_true_condition', field: 'config.branches.0.condition' };
    expect(branchFindings([{ id: 'range', rules: [rule('event.properties.total', 'gt', 100), rule('event.properties.total', 'lt', 50)] }])).toEqual([never]);
    expect(branchFindings([{ id: 'self', rules: [rule('contact.attributes.plan', 'equals', 'gold'), rule('contact.attributes.plan', 'not_equals', 'gold')] }])).toEqual([never]);
    expect(branchFindings([{ id: 'empty', rules: [rule('contact.tags', 'in', [])] }])).toEqual([never]);
  });

  it('a number comparison does not cover a list attribute, but does cover a score', () => {
    const branches = (field: string) => [
      { id: 'positive', rules: [rule(field, 'gt', 0)] },
      { id: 'five', rules: [rule(field, 'equals', 5)] },
    ];
    // [5] is a list whose element equals 5, and no list is greater than 0.
    expect(branchFindings(branches('contact.attributes.level'))).toEqual([{ code: 'overlapping_branches', field: 'config.branches.1.condition' }]);
    expect(branchFindings(branches('score.lead.score'))).toEqual([{ code: 'shadowed_branch', field: 'config.branches.1.condition' }]);
  });

  it('"every element" branches cover each other; "some element" ones cover lists together', () => {
    expect(branchFindings([
      { id: 'not-gold-or-silver', rules: [rule('contact.attributes.plan', 'not_in', ['gold', 'silver'])] },
      { id: 'not-gold', rules: [rule('contact.attributes.plan', 'not_equals', 'gold'), rule('contact.attributes.plan', 'not_equals', 'silver'), rule('contact.attributes.plan', 'not_equals', 'bronze')] },
    ])).toEqual([{ code: 'shadowed_branch', field: 'config.branches.1.condition' }]);
    expect(branchFindings([
      { id: 'a', rules: [rule('contact.tags', 'equals', 'a')] },
      { id: 'b', rules: [rule('contact.tags', 'equals', 'b')] },
      { id: 'a-or-b', match: 'any', rules: [rule('contact.tags', 'equals', 'b'), rule('contact.tags', 'equals', 'a')] },
    ])).toEqual([{ code: 'shadowed_branch', field: 'config.branches.2.condition' }]);
  });

  it('a consent state and a topic subscription hold one value: judged as scalars', () => {
    const never = { code: 'never_true_condition', field: 'config.branches.0.condition' };
    expect(branchFindings([{ id: 'both', rules: [rule('consent.email.marketing', 'equals', 'granted'), rule('consent.email.marketing', 'equals', 'withdrawn')] }])).toEqual([never]);
    expect(branchFindings([
      { id: 'decided', rules: [rule('consent.sms.marketing', 'in', ['granted', 'withdrawn'])] },
      { id: 'granted', rules: [rule('consent.sms.marketing', 'equals', 'granted')] },
    ])).toEqual([{ code: 'shadowed_branch', field: 'config.branches.1.condition' }]);
    // Booleans are not modelled: nothing is said about topics, rather than something wrong.
    expect(branchFindings([{ id: 'both', rules: [rule('topics.newsletter', 'equals', true), rule('topics.newsletter', 'equals', false)] }])).toEqual([]);
  });

  it('numeric strings equal the number they spell, as the evaluator compares them', () => {
    expect(branchFindings([{ id: 'half', rules: [rule('score.lead.score', 'equals', '.5'), rule('score.lead.score', 'equals', 0.5)] }])).toEqual([]);
    expect(branchFindings([{ id: 'half', rules: [rule('score.lead.score', 'equals', '.5'), rule('score.lead.score', 'equals', '+0.50')] }])).toEqual([]);
    expect(branchFindings([
      { id: 'half', rules: [rule('score.lead.score', 'in', ['0.50', '7'])] },
      { id: 'again', rules: [rule('score.lead.score', 'equals', 0.5)] },
    ])).toEqual([{ code: 'shadowed_branch', field: 'config.branches.1.condition' }]);
  });

  it('leaves alone rule values of the wrong shape and fields nested in each other', () => {
    // `equals [5]` never matches (equals compares single values), so it shadows nothing.
    expect(branchFindings([
      { id: 'list-value', rules: [rule('score.lead.score', 'equals', [5])] },
      { id: 'five', rules: [rule('score.lead.score', 'equals', 5)] },
    ])).toEqual([]);
    expect(branchFindings([
      { id: 'text', rules: [rule('contact.attributes', 'equals', 'x')] },
      { id: 'nested', rules: [rule('contact.attributes', 'equals', 'x'), rule('contact.attributes.plan', 'equals', 'gold')] },
    ])).toEqual([]);
    // Both hold "score over 0", but attributes that are the text "x" have no plan.
    expect(branchFindings([
      { id: 'text', rules: [rule('score.lead.score', 'gt', 0), rule('contact.attributes', 'equals', 'x')] },
      { id: 'gold', rules: [rule('score.lead.score', 'gt', 0), rule('contact.attributes.plan', 'equals', 'gold')] },
    ])).toEqual([]);
  });

  it('an unreadable earlier branch does not stop two readable ones from covering a later one', () => {
    expect(branchFindings([
      { id: 'low', rules: [rule('score.lead.score', 'lt', 10)] },
      { id: 'named', rules: [rule('contact.firstName', 'contains', 'A')] },
      { id: 'high', rules: [rule('score.lead.score', 'gte', 10)] },
      { id: 'any', rules: [rule('score.lead.score', 'gt', -1)] },
    ])).toEqual([{ code: 'shadowed_branch', field: 'config.branches.3.condition' }]);
  });
});
