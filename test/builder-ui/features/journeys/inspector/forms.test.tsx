/**
 * @jest-environment ./test/support/jsdom-environment.cjs
 */
import Form from '@rjsf/core';
import validator from '@rjsf/validator-ajv8';
import { cleanup, render } from '@testing-library/react';
import { Value } from 'typebox/value';
import { generatedFormProps } from '../../../../../builder-ui/src/components/forms/GeneratedForm';
import type { FormHints } from '../../../../../builder-ui/src/components/forms/ui-schema';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { formSchema } from '../../../../../builder-ui/src/features/journeys/inspector/form-schema';
import { BRANCH_VARIANTS, TRIGGER_VARIANTS, WAIT_VARIANTS } from '../../../../../builder-ui/src/features/journeys/inspector/node-schemas';
import { starterConfig } from '../../../../../builder-ui/src/features/journeys/inspector/starter-configs';
import { ExitConfig, JourneySettings } from '../../../../../engine/journey/schema';
import { builtInCatalog } from '../../../support/catalog';

// The side panel's forms are generated from JSON Schema, never written per node: every
// built-in action and every node kind and type must produce a form with a labelled control
// for each of its top-level settings.

function titlesOf(schema: object): string[] {
  const properties: unknown = Reflect.get(schema, 'properties');
  if (typeof properties !== 'object' || properties === null) return [];
  return Object.entries(properties).flatMap(([key, property]: [string, unknown]) => {
    if (key === 'type') return [];
    const title: unknown = typeof property === 'object' && property !== null ? Reflect.get(property, 'title') : undefined;
    return [typeof title === 'string' ? title : key];
  });
}

// The pickers ask the engine for the workspace's events, segments and templates; here there is
// no engine, so they render empty, as they do while loading.
const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });

function renderForm(schema: object, formData: unknown, onChange?: (data: unknown) => void, hints: FormHints = {}) {
  const generated = formSchema(schema);
  const view = render(
    <QueryClientProvider client={queries}>
      <Form {...generatedFormProps(generated, hints)} formData={formData} {...(onChange && { onChange: (event: { formData?: unknown }) => onChange(event.formData) })} />
    </QueryClientProvider>,
  );
  // rjsf draws a schema it cannot turn into controls as raw JSON under this heading.
  expect(view.container.textContent).not.toContain('Unsupported field schema');
  return view.container;
}

afterEach(cleanup);

const actions = builtInCatalog();

describe('forms generated from the action catalog', () => {
  it.each(actions.map((action) => [`${action.id}@${action.version}`, action] as const))('%s renders a labelled control per setting', (_id, action) => {
    const channel = action.message?.channel === 'email' || action.message?.channel === 'sms' ? action.message.channel : undefined;
    const container = renderForm(action.input, {}, undefined, { templateFields: action.templateFields, channel });
    // Liquid fields get the variable menu; templates of a sending action a picker.
    for (const field of action.templateFields) expect(container.querySelector(`#root_${field} + select.insert-variable`)).not.toBeNull();
    const properties: unknown = Reflect.get(action.input, 'properties');
    if (channel && typeof properties === 'object' && properties !== null && 'templateId' in properties) expect(container.querySelector('select#root_templateId')).not.toBeNull();
    const labels = [...container.querySelectorAll('label, legend')].map((element) => element.textContent ?? '');
    for (const title of titlesOf(action.input)) expect(labels.some((label) => label.includes(title))).toBe(true);
  });
});

describe('forms generated from the node kinds', () => {
  const variants = [
    ...TRIGGER_VARIANTS.map((variant) => ['trigger', variant] as const),
    ...WAIT_VARIANTS.map((variant) => ['wait', variant] as const),
    ...BRANCH_VARIANTS.map((variant) => ['branch', variant] as const),
  ];
  it.each(variants.map(([kind, variant]) => [`${kind}.${variant.type}`, kind, variant] as const))('%s renders its starter config with no validation errors', (_name, kind, variant) => {
    const reported: unknown[] = [];
    const container = renderForm(variant.schema, starterConfig(kind, variant.type), (data) => reported.push(data));
    expect(container.querySelector('form')).not.toBeNull();
    // What the form reports as it opens (its defaults filled in) still fits the schema, so the
    // marketer's first edit can be kept: optional objects such as a filter are not invented.
    for (const data of reported) expect(Value.Errors(variant.schema, data)).toEqual([]);
    expect(validator.validateFormData(starterConfig(kind, variant.type), formSchema(variant.schema)).errors).toEqual([]);
  });

  it('exit renders its reason', () => {
    const container = renderForm(ExitConfig, {});
    expect(container.textContent).toContain('reason');
  });

  it('draws a duration as one line: an amount and a unit', () => {
    const delay = WAIT_VARIANTS.find((variant) => variant.type === 'delay');
    if (!delay) throw new Error('no delay wait');
    const container = renderForm(delay.schema, { type: 'delay', duration: { amount: 2, unit: 'days' } });
    const amount = container.querySelector<HTMLInputElement>('#root_duration_amount');
    expect(amount?.value).toBe('2');
    expect(container.querySelector<HTMLSelectElement>('#root_duration_unit')?.value).toBe('days');
  });

  it('draws a condition as the condition builder: match all or any of rules, each what it tests, a comparison in words and its argument', () => {
    const branch = BRANCH_VARIANTS.find((variant) => variant.type === 'condition');
    if (!branch) throw new Error('no condition branch');
    const condition = { any: [{ type: 'score', field: 'clv.predicted', operator: 'gt', value: 500 }, { type: 'tag', operator: 'has', tag: 'vip' }] };
    const container = renderForm(branch.schema, { type: 'condition', branches: [{ id: 'high', label: 'High value', condition }] });
    const builder = container.querySelector('.condition-field');
    expect(builder).not.toBeNull();
    expect([...(builder?.querySelectorAll('.condition-rule') ?? [])]).toHaveLength(2);
    expect(container.querySelector<HTMLSelectElement>('[aria-label="Match"]')?.value).toBe('any');
    expect(container.querySelector<HTMLSelectElement>('[aria-label="Rule 1: what"]')?.value).toBe('score:clv.predicted');
    expect(container.querySelector<HTMLSelectElement>('[aria-label="Rule 1: comparison"]')?.value).toBe('gt');
    expect(container.querySelector<HTMLInputElement>('[aria-label="Rule 1: value"]')?.value).toBe('500');
    expect(container.querySelector<HTMLSelectElement>('[aria-label="Rule 2: what"]')?.value).toBe('tag');
    expect(container.querySelector<HTMLInputElement>('[aria-label="Rule 2: tag"]')?.value).toBe('vip');
    // The picker offers the contact fields and scores the engine provides, and the special rules.
    const offered = [...container.querySelectorAll('[aria-label="Rule 1: what"] option')].map((option) => option.getAttribute('value'));
    expect(offered).toEqual(expect.arrayContaining(['attribute:email', 'score:lead.score', 'consent', 'segment']));
    // Every control of the builder is named.
    for (const control of builder?.querySelectorAll('select, input, button') ?? []) expect(control.getAttribute('aria-label') ?? control.textContent).toBeTruthy();
  });

  it('draws the exit criteria’s conditions and event filters with the condition builder too', () => {
    const settings = { reentry: { mode: 'never' }, exitCriteria: [{ type: 'condition', condition: { all: [{ type: 'attribute', field: 'email', operator: 'not_exists' }] }, goal: false }] };
    const container = renderForm(JourneySettings, settings);
    expect(container.querySelectorAll('.condition-field')).toHaveLength(2);
    expect(container.querySelector<HTMLSelectElement>('[aria-label="Rule 1: comparison"]')?.value).toBe('not_exists');
  });
});
