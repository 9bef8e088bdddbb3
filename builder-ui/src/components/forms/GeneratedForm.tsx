import Form from '@rjsf/core';
import type { RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useMemo } from 'react';
import { DEFAULTS_BEHAVIOUR } from './defaults';
import { uiSchemaFor, type FormHints } from './ui-schema';
import { formFields, formWidgets } from './widgets';

/** Everything a generated form is configured with, apart from its data (tests render forms with it too). */
export function generatedFormProps(schema: RJSFSchema, hints: FormHints = {}) {
  return {
    schema,
    uiSchema: { 'ui:submitButtonOptions': { norender: true }, ...uiSchemaFor(schema, hints) },
    validator,
    widgets: formWidgets,
    fields: formFields,
    experimental_defaultFormStateBehavior: DEFAULTS_BEHAVIOUR,
    liveValidate: true,
    showErrorList: false as const,
  };
}

/**
 * A form generated from a JSON Schema, the one way the builder draws settings: the schema as
 * the form library reads it, the custom widgets chosen by field, live validation, no submit
 * button. `onEdit` hears a person's edits only, never the defaults the form fills in as it opens.
 */
export function GeneratedForm({ schema, formData, hints, disabled, onEdit }: { schema: RJSFSchema; formData: unknown; hints?: FormHints; disabled?: boolean; onEdit?: (formData: unknown) => void }) {
  const props = useMemo(() => generatedFormProps(schema, hints), [schema, hints]);
  return (
    <Form
      {...props}
      formData={formData}
      // Widgets that read beside their field (an event filter reads its event) find the data here.
      formContext={{ formData }}
      disabled={disabled ?? false}
      onChange={(event, fieldId) => {
        if (fieldId !== undefined) onEdit?.(event.formData);
      }}
    />
  );
}
