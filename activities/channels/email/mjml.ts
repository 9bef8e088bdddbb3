import mjml2html from 'mjml';
import { PermanentActionError } from '../../actions/errors';

/**
 * MJML → responsive HTML, before Liquid is rendered (Liquid tags pass through MJML untouched,
 * so contact data never reaches the MJML compiler). Invalid MJML is the template's fault: a
 * permanent failure that names the first problem.
 */
export async function mjmlToHtml(source: string): Promise<string> {
  // In strict mode mjml 5 throws its ValidationError (carrying the same `errors` list) rather
  // than returning it: both are the template's fault, never worth a retry.
  const result: unknown = await mjml2html(source, { validationLevel: 'strict', keepComments: false }).catch((error: unknown) => {
    if (typeof error === 'object' && error !== null && Array.isArray(Reflect.get(error, 'errors'))) return error;
    throw error;
  });
  const html = typeof result === 'object' && result !== null ? Reflect.get(result, 'html') : undefined;
  const errors = typeof result === 'object' && result !== null ? Reflect.get(result, 'errors') : undefined;
  if (Array.isArray(errors) && errors.length > 0) {
    const first: unknown = errors[0];
    // Line and message, not mjml's formattedMessage: that one names the server's working directory.
    const line = typeof first === 'object' && first !== null ? Reflect.get(first, 'line') : undefined;
    const message = typeof first === 'object' && first !== null ? Reflect.get(first, 'message') : undefined;
    const where = typeof line === 'number' ? `line ${line}: ` : '';
    throw new PermanentActionError(`the MJML template is invalid: ${where}${typeof message === 'string' ? message : 'unknown error'}`);
  }
  if (typeof html !== 'string') throw new PermanentActionError('the MJML compiler returned no HTML');
  return html;
}
