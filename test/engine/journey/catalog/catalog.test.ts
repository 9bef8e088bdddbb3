import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Value } from 'typebox/value';
import { createActionRegistry } from '../../../../activities/actions';
import { ActionCatalogEntry, actionInputProblems, findAction, messageTraitsOf, withInputDefaults } from '../../../../engine/journey/catalog';
import { compileJourney } from '../../../../engine/journey/compile';
import { lintJourney } from '../../../../engine/journey/lint';

const catalog = createActionRegistry().catalog();
/** What the browser holds after GET /v1/actions. */
const overTheWire = JSON.parse(JSON.stringify(catalog));
const example = JSON.parse(readFileSync(join(__dirname, '../../../../docs/examples/order-follow-up.journey.json'), 'utf8'));

function entry(actionId: string) {
  const found = findAction(catalog, actionId, 1);
  if (!found) throw new Error(`no ${actionId}`);
  return found;
}

describe('the action catalog is plain data', () => {
  it('survives JSON unchanged: no functions, no hidden state, every entry fits the served schema', () => {
    expect(overTheWire).toEqual(catalog);
    for (const action of catalog) expect(Value.Errors(ActionCatalogEntry, action)).toEqual([]);
  });

  it('compiles and lints a journey the same from the JSON copy as from the registry (the browser gives the server’s answers)', () => {
    const server = compileJourney(example, catalog);
    const browser = compileJourney(example, overTheWire);
    expect(browser).toEqual(server);
    if (!server.ok || !browser.ok) throw new Error('the example compiles');
    expect(lintJourney(browser.plan, { catalog: overTheWire })).toEqual(lintJourney(server.plan, { catalog }));
  });

  it('fills schema defaults before checking, so fields with a default may be left out', () => {
    expect(actionInputProblems(entry('email'), { subject: 'Hi', html: '<p>Hi</p>' })).toEqual([]);
    expect(withInputDefaults(entry('email'), { subject: 'Hi' })).toMatchObject({ format: 'html', messageType: 'marketing' });
  });

  it('names the field at fault: missing, unknown and malformed settings', () => {
    expect(actionInputProblems(entry('webhook'), {})).toEqual([{ field: 'url', message: 'is required' }]);
    expect(actionInputProblems(entry('sms'), {})).toEqual([{ field: 'body', message: 'Write a message, or choose a saved template.' }]);
    expect(actionInputProblems(entry('email'), { subject: 'Hi' })).toEqual([{ field: 'html', message: 'Write the HTML body, or choose a saved template.' }]);
    expect(actionInputProblems(entry('sms'), { body: 'Hi', colour: 'red' })).toEqual([{ field: 'colour', message: 'is not a setting of this action' }]);
    expect(actionInputProblems(entry('email'), { subject: 'Hi', topic: 'Not A Key' })).toEqual([expect.objectContaining({ field: 'topic' })]);
  });

  it('applies cross-field rules, written as conditions over the input, once the schema holds', () => {
    expect(actionInputProblems(entry('sms'), { body: 'Hi', messageType: 'transactional', topic: 'news' })).toEqual([
      { field: 'topic', message: expect.stringContaining('marketing messages only') },
    ]);
    expect(actionInputProblems(entry('sms'), { body: 'Hi', topic: 'news' })).toEqual([]);
  });

  it('describes messages from the input: purpose by field, with the schema default', () => {
    expect(messageTraitsOf(entry('email'), { subject: 'Hi' })).toEqual({ channel: 'email', purpose: 'marketing', quietHours: true, frequencyCap: true });
    expect(messageTraitsOf(entry('sms'), { body: 'Code', messageType: 'transactional' })).toMatchObject({ channel: 'sms', purpose: 'transactional' });
    expect(messageTraitsOf(entry('webhook'), { url: 'https://example.com' })).toBeUndefined();
  });
});
