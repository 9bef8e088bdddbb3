import { lintJourney, type LintContext, type LintFinding } from '../../../../engine/journey/lint';
import { email, eventWait, hours, lintCatalog, manualTrigger, plan, sms, timeWindow, trigger, delay } from './fixtures';

const lint = (journey: ReturnType<typeof plan>, context: Partial<LintContext> = {}) => lintJourney(journey, { catalog: lintCatalog, ...context });
const of = (findings: LintFinding[], code: string) => findings.filter((finding) => finding.code === code);

describe('templates', () => {
  const single = (body: string) => lint(plan([manualTrigger(), email('mail', { body })], [['start', 'mail']])).findings;

  it('a dynamic lookup is known up to where it turns dynamic', () => {
    expect(of(single('{{ contact[contact.attributes.key] }} {{ contact.attributes[lastEvent.name] }}'), 'unknown_variable')).toEqual([]);
  });

  it('loop, capture and increment variables are the template\'s own', () => {
    const body = '{% for item in contact.attributes.items %}{{ item.name }} {{ forloop.index }}{% endfor %}{% capture c %}x{% endcapture %}{{ c }}{% increment n %}{{ n }}';
    expect(of(single(body), 'unknown_variable')).toEqual([]);
  });

  it('including another template fails at send time, and the linter never reads the disk for it', () => {
    const found = of(single("{% include 'package.json' %}"), 'template_syntax');
    expect(found).toEqual([expect.objectContaining({ nodeId: 'mail', field: 'config.input.body' })]);
    expect(found[0]?.message).toContain('includes another template');
  });

  it('suggests the contact field a typo was meant to be', () => {
    const [finding] = of(single('Hi {{ contact.frist_name }}'), 'unknown_variable');
    expect(finding?.message).toContain('did you mean contact.firstName?');
    const [custom] = of(lint(plan([manualTrigger(), email('mail', { body: '{{ contact.loyaltyTier }}' })], [['start', 'mail']]), { contactFields: new Set(['firstName']) }).findings, 'unknown_variable');
    expect(custom?.message).not.toContain('did you mean');
  });
});

describe('quiet hours behind a time window', () => {
  const policy = { requireQuietHours: true, requireFrequencyCap: false };
  const night = (between: ReturnType<typeof hours>[]) => {
    const nodes = [trigger(), timeWindow('office'), ...between, email('promo', { ignoreQuietHours: true })];
    const ids = nodes.map((node) => node.id);
    // An event wait goes on from `received`; everything else from `next`.
    const journey = plan(nodes, ids.slice(1).map((id, index): [string, string, string?] => [ids[index] ?? '', id, nodes[index]?.kind === 'wait' && nodes[index]?.config.type === 'event' ? 'received' : undefined]));
    return of(lint(journey, { policy }).findings, 'unprotected_marketing_message').map((finding) => finding.nodeId);
  };

  it('a window right before the message, or whole days after it, keeps the hour', () => {
    expect(night([])).toEqual([]);
    expect(night([delay('next-day', 1)])).toEqual([]);
  });

  it('a wait after the window that can end at any hour undoes it', () => {
    expect(night([hours('later', 5)])).toEqual(['promo']);
    expect(night([eventWait('clicked', 'Email Clicked')])).toEqual(['promo']);
  });

  it('one path around the window is enough to warn', () => {
    const journey = plan(
      [trigger(), eventWait('opened', 'Email Opened'), timeWindow('office'), sms('promo', { ignoreQuietHours: true })],
      [['start', 'opened'], ['opened', 'office', 'received'], ['opened', 'promo', 'timeout'], ['office', 'promo']],
    );
    expect(of(lint(journey, { policy }).findings, 'unprotected_marketing_message').map((finding) => finding.nodeId)).toEqual(['promo']);
  });
});

describe('event names', () => {
  it('suggests the same name whatever order the workspace lists its events in', () => {
    const journey = plan([trigger('Order Complet')], []);
    const names = ['Order Completes', 'Order Completed'];
    const suggestion = (known: string[]) => of(lint(journey, { knownEventNames: new Set(known) }).findings, 'unknown_event')[0]?.message;
    expect(suggestion(names)).toContain('Did you mean "Order Completed"?');
    expect(suggestion([...names].reverse())).toBe(suggestion(names));
  });
});
