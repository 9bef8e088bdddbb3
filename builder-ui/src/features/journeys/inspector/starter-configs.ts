/** A filled-in config to start from when a step's type is switched, so the form opens valid where it can be. */
export function starterConfig(kind: string, type: string): unknown {
  const duration = { amount: 1, unit: 'days' };
  const anyContact = { all: [{ type: 'attribute', field: 'email', operator: 'exists' }] };
  const starters: Readonly<Record<string, unknown>> = {
    'trigger.event': { type, event: 'Signed Up' },
    'trigger.segment_entered': { type, segmentId: 'choose-a-segment' },
    'trigger.segment_exited': { type, segmentId: 'choose-a-segment' },
    'trigger.attribute_changed': { type, attribute: 'plan' },
    'trigger.score_crossed': { type, model: 'lead', threshold: 50, direction: 'above' },
    'trigger.stage_changed': { type, to: 'at_risk' },
    'trigger.consent_changed': { type, channel: 'email', to: 'granted' },
    'trigger.date_attribute': { type, attribute: 'contact.attributes.birthday', offsetDays: 0, recurrence: 'yearly', at: '09:00' },
    'trigger.schedule': { type, cron: '0 9 * * 1', timezone: 'UTC' },
    'trigger.manual': { type },
    'wait.delay': { type, duration },
    'wait.until_date': { type, attribute: 'contact.attributes.renewalDate', offsetMinutes: 0 },
    'wait.time_window': { type, days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00', fallbackTimezone: 'UTC' },
    'wait.event': { type, event: 'Order Completed', timeout: { amount: 3, unit: 'days' } },
    'wait.condition': { type, condition: anyContact, timeout: { amount: 7, unit: 'days' } },
    'branch.condition': { type, branches: [{ id: 'yes', label: 'Yes', condition: anyContact }] },
    'branch.random': { type, paths: [{ id: 'a', label: 'A', percent: 50 }, { id: 'b', label: 'B', percent: 50 }] },
    'branch.ab_test': { type, variants: [{ id: 'a', label: 'Variant A', percent: 45 }, { id: 'b', label: 'Variant B', percent: 45 }], holdoutPercent: 10 },
  };
  return starters[`${kind}.${type}`] ?? { type };
}
