/** Expected failures of the template services; routes map them to the error catalogue. */

/** The Liquid sources a template can hold, named as the API names them. */
export type TemplateField = 'subject' | 'body' | 'textBody';

export class TemplateNotFoundError extends Error {
  override readonly name = 'TemplateNotFoundError';
  constructor(readonly templateId: string) {
    super(`template ${templateId}`);
  }
}

/** A value the service refuses, e.g. a subject on an SMS template or Liquid that does not parse. */
export class TemplateInvalidError extends Error {
  override readonly name = 'TemplateInvalidError';
  constructor(
    readonly field: TemplateField | 'channel',
    /** What is wrong, to follow the field's name. */
    readonly detail: string,
  ) {
    super(`${field} ${detail}`);
  }
}

/** Another template of the workspace has this name. */
export class TemplateNameTakenError extends Error {
  override readonly name = 'TemplateNameTakenError';
  constructor(readonly templateName: string) {
    super(`a template named "${templateName}" already exists in this workspace`);
  }
}

/** Journeys that may still send the template: deleting it would make their sends fail. */
export class TemplateInUseError extends Error {
  override readonly name = 'TemplateInUseError';
  constructor(readonly journeys: readonly string[]) {
    super(`the template is used by ${journeys.length === 1 ? 'journey' : 'journeys'} ${journeys.map((name) => `"${name}"`).join(', ')}`);
  }
}
