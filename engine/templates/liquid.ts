import { LiquidError } from 'liquidjs';
import { messageLiquid } from '../../activities/channels/templates';
import { TemplateInvalidError, type TemplateField } from './errors';

/**
 * A Liquid error as the template's fault, naming the field and the line. liquidjs messages end
 * in ", line:2, col:8"; that tail is replaced by our own wording.
 */
export function liquidProblem(field: TemplateField, error: LiquidError): TemplateInvalidError {
  const [line] = error.token.getPosition();
  const reason = error.message.replace(/, line:\d+, col:\d+$/, '');
  return new TemplateInvalidError(field, `has a Liquid error on line ${line}: ${reason}`);
}

/**
 * Parses a Liquid source with the sending renderer's own engine (same tags, filters and
 * sandbox), so a template that saves is one the send activities can parse.
 */
export function assertParses(field: TemplateField, source: string): void {
  try {
    messageLiquid.parse(source);
  } catch (error) {
    if (LiquidError.is(error)) throw liquidProblem(field, error);
    throw error;
  }
}
