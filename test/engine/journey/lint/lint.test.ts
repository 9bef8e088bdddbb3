import { lintJourney, type LintContext, type LintFinding } from '../../../../engine/journey/lint';
import { attribute, branch, delay, email, lintCatalog, manualTrigger, plan, score, sms, tag, trigger } from './fixtures';

const lint = (journey: ReturnType<typeof plan>, context: Partial<LintContext> = {}) => lintJourney(journey, { catalog: lintCatalog, ...context });
const warnings = (findings: LintFinding[], code: string) => findings.filter((finding) => finding.code === code);

describe('lintJourney', () => {
  it('finds nothing to warn about in a clean journey, and counts its messages', () => {
    const report = lint(plan([trigger(), email('welcome'), delay('wait'), sms('nudge')], [['start', 'welcome'], ['welcome', 'wait'], ['wait', 'nudge']]), { knownEventNames: new Set(['Order Completed']) });
    expect(report.findings.filter((finding) => finding.severity === 'warning')).toEqual([]);
    expect(report.maxMessagesPerChannel).toEqual({ email: 1, sms: 1 });
    expect(warnings(report.findings, 'message_count')[0]?.message).toContain('email: 1, sms: 1');
  });

  it('unreachable_node: a step no path leads to', () => {
    const report = lint(plan([trigger(), email('welcome'), email('orphan')], [['start', 'welcome']]));
    expect(warnings(report.findings, 'unreachable_node')).toEqual([expect.objectContaining({ nodeId: 'orphan', severity: 'warning' })]);
  });

  describe('branch conditions on the same attribute', () => {
    const journey = (branches: Parameters<typeof branch>[1]) =>
      plan([trigger(), branch('split', branches), ...branches.map((b) => email(`to-${b.id}`)), email('to-else')], [['start', 'split'], ...branches.map((b): [string, string, string] => ['split', `to-${b.id}`, b.id]), ['split', 'to-else', 'else']]);

    it('never_true_condition: contradictory rules', () => {
      const report = lint(journey([{ id: 'impossible', condition: { all: [score('clv.predicted', 'gt', { value: 1000 }), score('clv.predicted', 'lt', { value: 500 })] } }]));
      expect(warnings(report.findings, 'never_true_condition')).toEqual([expect.objectContaining({ nodeId: 'split', field: 'config.branches.0.condition' })]);
    });

    it('shadowed_branch: an earlier branch takes everyone a later one matches', () => {
      const report = lint(journey([
        { id: 'over100', condition: score('clv.predicted', 'gt', { value: 100 }) },
        { id: 'over500', condition: score('clv.predicted', 'gt', { value: 500 }) },
      ]));
      expect(warnings(report.findings, 'shadowed_branch')).toEqual([expect.objectContaining({ nodeId: 'split', field: 'config.branches.1.condition' })]);
    });

    it('shadowed_branch: covered by several earlier branches together', () => {
      const report = lint(journey([
        { id: 'gold', condition: attribute('attributes.plan', 'equals', { value: 'gold' }) },
        { id: 'silver', condition: attribute('attributes.plan', 'equals', { value: 'silver' }) },
        { id: 'paid', condition: attribute('attributes.plan', 'in', { values: ['gold', 'silver'] }) },
      ]));
      expect(warnings(report.findings, 'shadowed_branch').map((finding) => finding.field)).toEqual(['config.branches.2.condition']);
    });

    it('overlapping_branches: ranges that partly overlap', () => {
      const report = lint(journey([
        { id: 'mid', condition: { all: [score('clv.predicted', 'gte', { value: 100 }), score('clv.predicted', 'lt', { value: 600 })] } },
        { id: 'high', condition: score('clv.predicted', 'gte', { value: 500 }) },
      ]));
      expect(warnings(report.findings, 'overlapping_branches')).toEqual([expect.objectContaining({ nodeId: 'split', field: 'config.branches.1.condition' })]);
      expect(warnings(report.findings, 'overlapping_branches')[0]?.message).toContain('"mid" and "high"');
    });

    it('lints version 1 conditions as the compiler upgrades them', () => {
      // "tags in [a, b]" becomes "has a or has b", which "has a and a CLV over 5" falls inside.
      const legacy = (id: string, rules: { field: string; operator: string; value: unknown }[]) => ({ id, label: id, condition: { match: 'all', rules } });
      const split = {
        id: 'split',
        kind: 'branch',
        config: {
          type: 'condition',
          branches: [
            legacy('tagged', [{ field: 'contact.tags', operator: 'in', value: ['a', 'b'] }]),
            legacy('valuable', [{ field: 'contact.tags', operator: 'equals', value: 'a' }, { field: 'score.clv.predictedValue', operator: 'gt', value: 5 }]),
          ],
        },
      };
      const report = lint(plan([trigger(), split, email('a'), email('b'), email('c')], [['start', 'split'], ['split', 'a', 'tagged'], ['split', 'b', 'valuable'], ['split', 'c', 'else']], {}, 1));
      expect(warnings(report.findings, 'shadowed_branch')).toEqual([expect.objectContaining({ nodeId: 'split', field: 'config.branches.1.condition' })]);
    });

    it('stays silent on disjoint ranges, different attributes and operators it cannot judge', () => {
      const report = lint(journey([
        { id: 'low', condition: score('clv.predicted', 'lt', { value: 100 }) },
        { id: 'high', condition: score('clv.predicted', 'gte', { value: 100 }) },
        { id: 'vip', condition: attribute('status', 'equals', { value: 'vip' }) },
        { id: 'named', condition: attribute('firstName', 'contains', { value: 'A' }) },
        { id: 'tagged', condition: { all: [tag('a'), tag('b')] } },
      ]));
      expect(report.findings.filter((finding) => finding.severity === 'warning')).toEqual([]);
    });
  });

  it('unknown_event: waits, triggers and exit criteria on events never seen, with a suggestion', () => {
    const journey = plan(
      [trigger('Order Complete'), { id: 'review', kind: 'wait', config: { type: 'event', event: 'review_submited', timeout: { amount: 7, unit: 'days' } } }],
      [['start', 'review']],
      { exitCriteria: [{ type: 'event', event: 'Unsubscribed', goal: false }] },
    );
    const report = lint(journey, { knownEventNames: new Set(['Order Completed', 'review_submitted', 'Page Viewed']) });
    const found = warnings(report.findings, 'unknown_event');
    expect(found.map((finding) => [finding.nodeId, finding.field])).toEqual([
      ['start', 'config.event'],
      ['review', 'config.event'],
      [undefined, 'settings.exitCriteria.0.event'],
    ]);
    expect(found[0]?.message).toContain('Did you mean "Order Completed"?');
    expect(found[1]?.message).toContain('Did you mean "review_submitted"?');
    expect(found[2]?.message).not.toContain('Did you mean');
  });

  it('counts the worst path per channel, and calls a sending loop unbounded', () => {
    const branching = plan(
      [trigger(), branch('split', [{ id: 'vip', condition: attribute('status', 'equals', { value: 'vip' }) }]), email('a1'), email('a2'), email('a3'), sms('b1')],
      [['start', 'split'], ['split', 'a1', 'vip'], ['a1', 'a2'], ['a2', 'a3'], ['split', 'b1', 'else'], ['b1', 'a3']],
    );
    expect(lint(branching).maxMessagesPerChannel).toEqual({ email: 3, sms: 1 });

    const looping = plan([trigger(), email('reminder'), delay('week', 7)], [['start', 'reminder'], ['reminder', 'week'], ['week', 'reminder']]);
    const report = lint(looping);
    expect(report.maxMessagesPerChannel).toEqual({ email: 'unbounded' });
    expect(warnings(report.findings, 'unbounded_messages')).toEqual([expect.objectContaining({ nodeId: 'reminder' })]);
  });

  it('template_syntax and unknown_variable in Liquid fields', () => {
    const journey = plan(
      [
        manualTrigger(),
        email('broken', { subject: 'Hi {{ contact.firstName ' }),
        email('unknown', { body: '{{ contact.frist_name }} {{ event.properties.total }} {{ coupon }} {{ contact.attributes.plan }} {% assign x = 1 %}{{ x }} {{ unsubscribe_url }} {{ preferences_url }}' }),
      ],
      [['start', 'broken'], ['broken', 'unknown']],
    );
    const report = lint(journey);
    expect(warnings(report.findings, 'template_syntax')).toEqual([expect.objectContaining({ nodeId: 'broken', field: 'config.input.subject' })]);
    const unknown = warnings(report.findings, 'unknown_variable');
    expect(unknown.map((finding) => finding.message.split(' in ')[0])).toEqual(['{{ contact.frist_name }}', '{{ event.properties.total }}', '{{ coupon }}']);
    expect(unknown.every((finding) => finding.nodeId === 'unknown' && finding.field === 'config.input.body')).toBe(true);
  });

  it('unprotected_marketing_message: opts out of required quiet hours or frequency caps', () => {
    const journey = plan(
      [
        trigger(),
        email('night-blast', { ignoreQuietHours: true }),
        { id: 'office', kind: 'wait', config: { type: 'time_window', days: ['mon'], from: '09:00', to: '17:00', fallbackTimezone: 'UTC' } },
        email('after-window', { ignoreQuietHours: true }),
        sms('uncapped', { ignoreFrequencyCap: true }),
        sms('receipt', { messageType: 'transactional', ignoreQuietHours: true, ignoreFrequencyCap: true }),
      ],
      [['start', 'night-blast'], ['night-blast', 'office'], ['office', 'after-window'], ['after-window', 'uncapped'], ['uncapped', 'receipt']],
    );
    const report = lint(journey, { policy: { requireQuietHours: true, requireFrequencyCap: true } });
    const found = warnings(report.findings, 'unprotected_marketing_message');
    expect(found.map((finding) => finding.nodeId)).toEqual(['night-blast', 'uncapped']);
    expect(found[0]?.message).toContain('quiet hours');
    expect(found[1]?.message).toContain('frequency caps');
    expect(warnings(lint(journey).findings, 'unprotected_marketing_message')).toEqual([]);
  });
});
