/**
 * @jest-environment ./test/support/jsdom-environment.cjs
 */
import Form from '@rjsf/core';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { generatedFormProps } from '../../../../builder-ui/src/components/forms/GeneratedForm';
import type { FormHints } from '../../../../builder-ui/src/components/forms/ui-schema';
import { criteriaText } from '../../../../builder-ui/src/components/forms/condition/sentence';
import { formSchema } from '../../../../builder-ui/src/features/journeys/inspector/form-schema';
import { BRANCH_VARIANTS, TRIGGER_VARIANTS } from '../../../../builder-ui/src/features/journeys/inspector/node-schemas';
import { validateCriteria } from '../../../../engine/journey/conditions';

// The condition builder writes the one condition language: { all | any: [...] } at the top,
// rules the rows edit, and anything else kept exactly as it was.

const SEGMENT = '0b5c1f7e-2a35-4d8e-9d6a-6f4f0c2b9a11';

function queries(): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  // What the pickers would fetch from the engine, already in the cache (fresh for a minute).
  client.setQueryData(['events', 'names'], [
    { name: 'Order Completed', count: 3, lastAt: '2026-01-01T00:00:00Z', properties: ['currency', 'total'] },
    { name: 'Signed Up', count: 9, lastAt: '2026-01-01T00:00:00Z', properties: ['plan'] },
  ]);
  client.setQueryData(['contacts', 'attributes'], [{ key: 'plan', type: 'string', count: 4 }]);
  client.setQueryData(['segments', 'picker'], [{ id: SEGMENT, name: 'VIPs', members: 12 }]);
  return client;
}

function variant(list: typeof BRANCH_VARIANTS, type: string) {
  const found = list.find((candidate) => candidate.type === type);
  if (!found) throw new Error(`no ${type} variant`);
  return found.schema;
}

/** Renders a node's form; `last()` is the data the form last reported. */
function renderForm(schema: object, formData: unknown, hints: FormHints = {}) {
  const reported: unknown[] = [];
  render(
    <QueryClientProvider client={queries()}>
      <Form {...generatedFormProps(formSchema(schema), hints)} formData={formData} formContext={{ formData }} onChange={(event) => reported.push(event.formData)} />
    </QueryClientProvider>,
  );
  return { last: () => reported.at(-1) };
}

const branch = (condition: unknown) => ({ type: 'condition', branches: [{ id: 'yes', label: 'Yes', condition }] });
const conditionOf = (data: unknown): unknown => {
  const branches: unknown = typeof data === 'object' && data !== null ? Reflect.get(data, 'branches') : undefined;
  return Array.isArray(branches) ? Reflect.get(branches[0], 'condition') : undefined;
};
const change = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const offered = (label: string) => [...screen.getByLabelText<HTMLSelectElement>(label).options].map((option) => option.value);

afterEach(cleanup);

describe('the condition builder', () => {
  it('builds rules into the exact JSON of the condition language', () => {
    const form = renderForm(variant(BRANCH_VARIANTS, 'condition'), branch({ all: [{ type: 'attribute', field: 'email', operator: 'exists' }] }));
    change('Rule 1: what', 'score:clv.predicted');
    change('Rule 1: comparison', 'gt');
    change('Rule 1: value', '500');
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    change('Rule 2: what', 'tag');
    change('Rule 2: tag', 'vip');
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    change('Rule 3: what', 'segment');
    change('Rule 3: segment', SEGMENT);
    change('Rule 3: comparison', 'not_member');
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    change('Rule 4: what', 'attribute:attributes.plan');
    change('Rule 4: comparison', 'in');
    change('Rule 4: values', 'gold, platinum');
    change('Match', 'any');
    const condition = conditionOf(form.last());
    expect(condition).toEqual({
      any: [
        { type: 'score', field: 'clv.predicted', operator: 'gt', value: 500 },
        { type: 'tag', operator: 'has', tag: 'vip' },
        { type: 'segment', segmentId: SEGMENT, operator: 'not_member' },
        { type: 'attribute', field: 'attributes.plan', operator: 'in', values: ['gold', 'platinum'] },
      ],
    });
    expect(validateCriteria(condition, 'contact')).toMatchObject({ ok: true });
  });

  it('builds the special rules: consent, topic, lifecycle stage and a performed event', () => {
    const form = renderForm(variant(BRANCH_VARIANTS, 'condition'), branch({ all: [{ type: 'attribute', field: 'email', operator: 'exists' }] }), { entryEvent: 'Order Completed' });
    change('Rule 1: what', 'consent');
    change('Rule 1: channel', 'sms');
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    change('Rule 2: what', 'topic');
    change('Rule 2: topic', 'newsletter');
    change('Rule 2: subscribed', 'false');
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    change('Rule 3: what', 'lifecycle_stage');
    const stages = screen.getByLabelText<HTMLSelectElement>('Rule 3: stages');
    for (const option of stages.options) option.selected = option.value === 'at_risk' || option.value === 'churned';
    fireEvent.change(stages);
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    change('Rule 4: what', 'event');
    change('Rule 4: in the last … days (empty: ever)', '30');
    const condition = conditionOf(form.last());
    expect(condition).toEqual({
      all: [
        { type: 'consent', channel: 'sms', status: 'granted' },
        { type: 'topic', topic: 'newsletter', subscribed: false },
        { type: 'lifecycle_stage', operator: 'in', values: ['at_risk', 'churned'] },
        { type: 'event', name: 'Order Completed', withinDays: 30 },
      ],
    });
    expect(validateCriteria(condition, 'contact')).toMatchObject({ ok: true });
  });

  it('asks for the argument the operator needs, and offers the operators of the field’s kind', () => {
    const form = renderForm(variant(BRANCH_VARIANTS, 'condition'), branch({ all: [{ type: 'attribute', field: 'lastSeenAt', operator: 'exists' }] }));
    expect(offered('Rule 1: comparison')).toEqual(['before', 'after', 'within_last_days', 'more_than_days_ago', 'within_next_days', 'exists', 'not_exists']);
    expect(screen.queryByLabelText('Rule 1: value')).toBeNull();
    change('Rule 1: comparison', 'before');
    expect(screen.getByLabelText<HTMLInputElement>('Rule 1: date').type).toBe('date');
    change('Rule 1: date', '2026-01-31');
    expect(conditionOf(form.last())).toEqual({ all: [{ type: 'attribute', field: 'lastSeenAt', operator: 'before', date: '2026-01-31' }] });
    change('Rule 1: comparison', 'within_last_days');
    expect(screen.queryByLabelText('Rule 1: date')).toBeNull();
    change('Rule 1: days', '7');
    // The date went with the operator that needed it.
    expect(conditionOf(form.last())).toEqual({ all: [{ type: 'attribute', field: 'lastSeenAt', operator: 'within_last_days', days: 7 }] });

    change('Rule 1: what', 'score:lead.score');
    expect(offered('Rule 1: comparison')).not.toContain('contains');
    change('Rule 1: comparison', 'between');
    change('Rule 1: from', '10');
    change('Rule 1: to', '20');
    expect(conditionOf(form.last())).toEqual({ all: [{ type: 'score', field: 'lead.score', operator: 'between', from: 10, to: 20 }] });
    change('Rule 1: what', 'attribute:doNotContact');
    expect(screen.getByLabelText('Rule 1: comparison')).toHaveProperty('value', 'exists');
    change('Rule 1: comparison', 'equals');
    expect(screen.getByLabelText('Rule 1: value').tagName).toBe('SELECT');
    change('Rule 1: value', 'true');
    expect(conditionOf(form.last())).toEqual({ all: [{ type: 'attribute', field: 'doNotContact', operator: 'equals', value: true }] });
  });

  it('offers only the event’s properties in an event filter, and shows anything else read-only', () => {
    const filter = { all: [{ type: 'property', property: 'total', operator: 'gt', value: 50 }, { type: 'tag', operator: 'has', tag: 'vip' }] };
    const form = renderForm(variant(TRIGGER_VARIANTS, 'event'), { type: 'event', event: 'Order Completed', filter });
    expect(offered('Rule 1: what')).toEqual(['property:currency', 'property:total', 'property:']);
    expect(screen.queryByLabelText('Rule 2: what')).toBeNull();
    expect(screen.getByLabelText('Rule 2, not editable here').textContent).toBe('has tag "vip"');
    change('Rule 1: what', 'property:currency');
    change('Rule 1: comparison', 'equals');
    change('Rule 1: value', 'EUR');
    expect(Reflect.get(Object(form.last()), 'filter')).toEqual({ all: [{ type: 'property', property: 'currency', operator: 'equals', value: 'EUR' }, filter.all[1]] });
  });

  it('starts an absent event filter at the first rule, on a property named by hand when the event has none known yet', () => {
    const form = renderForm(variant(TRIGGER_VARIANTS, 'event'), { type: 'event', event: 'Never Seen' });
    expect(screen.queryByLabelText('Rule 1: what')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(offered('Rule 1: what')).toEqual(['property:']);
    change('Rule 1: property name', 'sku');
    change('Rule 1: comparison', 'starts_with');
    change('Rule 1: value', 'A1');
    expect(Reflect.get(Object(form.last()), 'filter')).toEqual({ all: [{ type: 'property', property: 'sku', operator: 'starts_with', value: 'A1' }] });
    fireEvent.click(screen.getByRole('button', { name: 'No condition' }));
    expect(Reflect.get(Object(form.last()), 'filter')).toBeUndefined();
  });

  it('offers the contact, the scores, the workspace’s attributes, the entry event’s properties and the special rules elsewhere', () => {
    renderForm(variant(BRANCH_VARIANTS, 'condition'), branch({ all: [{ type: 'attribute', field: 'email', operator: 'exists' }] }), { entryEvent: 'Signed Up' });
    const options = offered('Rule 1: what');
    expect(options).toEqual(expect.arrayContaining(['attribute:email', 'score:clv.predicted', 'attribute:attributes.plan', 'property:plan', 'tag', 'lifecycle_stage', 'consent', 'topic', 'segment', 'event']));
    expect(options).not.toContain('property:total');
    const groups = [...screen.getByLabelText('Rule 1: what').querySelectorAll('optgroup')].map((group) => group.label);
    expect(groups).toEqual(['Contact', 'Custom attributes', 'Scores', 'Entry event properties', 'Other']);
  });

  it('keeps a nested group intact, in words, through edits of the other rules', () => {
    const nested = { not: { any: [{ type: 'order', measure: 'total_spent', operator: 'gte', value: 100, withinDays: 90 }, { all: [{ type: 'tag', operator: 'has', tag: 'vip' }, { type: 'attribute', field: 'attributes.plan', operator: 'equals', value: 'gold' }] }] } };
    const form = renderForm(variant(BRANCH_VARIANTS, 'condition'), branch({ all: [nested, { type: 'attribute', field: 'email', operator: 'exists' }] }));
    expect(screen.getByLabelText('Rule 1, not editable here').textContent).toBe('not (total spent is at least 100 in the last 90 days or (has tag "vip" and plan is "gold"))');
    change('Rule 2: comparison', 'not_exists');
    change('Match', 'any');
    expect(conditionOf(form.last())).toEqual({ any: [nested, { type: 'attribute', field: 'email', operator: 'not_exists' }] });
  });

  it('writes a lone condition back under "all" on the first edit', () => {
    const form = renderForm(variant(BRANCH_VARIANTS, 'condition'), branch({ type: 'attribute', field: 'email', operator: 'exists' }));
    change('Rule 1: comparison', 'contains');
    change('Rule 1: value', '@example.com');
    expect(conditionOf(form.last())).toEqual({ all: [{ type: 'attribute', field: 'email', operator: 'contains', value: '@example.com' }] });
  });

  it('says any condition in words', () => {
    expect(criteriaText({ all: [{ type: 'score', field: 'clv.predicted', operator: 'gt', value: 500 }, { type: 'event', name: 'Order Completed', count: { operator: 'gte', value: 2 }, withinDays: 30 }] })).toBe(
      'Predicted CLV is greater than 500 and performed "Order Completed" at least 2 times in the last 30 days',
    );
    expect(criteriaText({ any: [{ type: 'consent', channel: 'email', messageType: 'marketing', status: 'granted' }, { type: 'attribute', field: 'createdAt', operator: 'within_last_days', days: 7 }] })).toBe(
      'email marketing consent is granted or Created in the last 7 days',
    );
  });
});
