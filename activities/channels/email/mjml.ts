import mjml2html from 'mjml';
import { PermanentActionError } from '../../actions/errors';

/**
 * MJML → responsive HTML, before Liquid is rendered (Liquid tags pass through MJML untouched,
 * so contact data never reaches the MJML compiler). Invalid MJML is the template's fault: a
 * permanent failure that names the first problem.
 */
export async function mjmlToHtml(source: string): Promise<string> {
  const result: unknown = await mjml2html(source, { validationLevel: 'strict', keepComments: false });
  const html = typeof result === 'object' && result !== null ? Reflect.get(result, 'html') : undefined;
  const errors = typeof result === 'object' && result !== null ? Reflect.get(result, 'errors') : undefined;
  if (Array.isArray(errors) && errors.length > 0) {
    const first: unknown = errors[0];
    const message = typeof first === 'object' && first !== null ? Reflect.get(first, 'formattedMessage') : undefined;
    throw new PermanentActionError(`the MJML template is invalid: ${typeof message === 'string' ? message : 'unknown error'}`);
  }
  if (typeof html !== 'string') throw new PermanentActionError('the MJML compiler returned no HTML');
  return html;
}
