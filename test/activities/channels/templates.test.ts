import { PermanentActionError } from '../../../activities/actions/errors';
import { renderTemplate, templateRenderFailure } from '../../../activities/channels/templates';

/** The Liquid error `source` raises, as the send activities see it. */
async function liquidErrorOf(source: string): Promise<unknown> {
  return renderTemplate(source, {}).then(
    () => {
      throw new Error(`${source} rendered`);
    },
    (error: unknown) => error,
  );
}

describe('templateRenderFailure', () => {
  it('makes a Liquid error permanent, naming the input field and the line', async () => {
    const html = '<p>Hello</p>\n{% if contact.firstName %}';
    const failure = templateRenderFailure(await liquidErrorOf(html), { subject: 'Hi', html });
    expect(failure).toBeInstanceOf(PermanentActionError);
    expect(failure).toMatchObject({ code: 'render_error', message: expect.stringMatching(/^html has a Liquid error on line 2: tag \{% if contact\.firstName %\} not closed$/) });
  });

  it('names a nested field (a webhook header), or the saved template when no input field holds the source', async () => {
    const header = '{{ contact.email }}{% endfor %}';
    expect(templateRenderFailure(await liquidErrorOf(header), { url: 'https://shop.test', headers: { 'X-Shop': header } })?.message).toMatch(/^headers\.X-Shop has a Liquid error on line 1: /);
    expect(templateRenderFailure(await liquidErrorOf('{% if %}'), { templateId: 'tpl-1' })?.message).toMatch(/^template tpl-1 has a Liquid error on line 1: /);
    expect(templateRenderFailure(await liquidErrorOf('{% include "x" %}'), {})?.message).toMatch(/^the template has a Liquid error on line 1: /);
  });

  it('leaves any other error alone (it is retried)', () => {
    expect(templateRenderFailure(new Error('connection reset'), {})).toBeUndefined();
  });
});
