import Form from '@rjsf/core';
import validator from '@rjsf/validator-ajv8';
import { DEFAULTS_BEHAVIOUR } from '../../../components/forms/defaults';
import { uiSchemaFor } from '../../../components/forms/ui-schema';
import { formFields, formWidgets } from '../../../components/forms/widgets';
import { Value } from 'typebox/value';
import { JourneySettings } from '../../../../../engine/journey/schema';
import { useEditor, useEditorContext } from '../canvas/context';
import { formSchema } from './form-schema';

const schema = formSchema(JourneySettings);

/** The journey's own settings (re-entry, entry filter and limit, exit and goal criteria), generated from their schema. */
export function SettingsForm() {
  const { store, readOnly } = useEditorContext();
  const settings = useEditor((state) => state.draft.settings);
  return (
    <section aria-labelledby="journey-settings-title">
      <h3 id="journey-settings-title">Journey settings</h3>
      <Form
        schema={schema}
        formData={settings}
        validator={validator}
        widgets={formWidgets}
        fields={formFields}
          experimental_defaultFormStateBehavior={DEFAULTS_BEHAVIOUR}
        disabled={readOnly}
        liveValidate
        showErrorList={false}
        uiSchema={{ 'ui:submitButtonOptions': { norender: true }, ...uiSchemaFor(schema) }}
        onChange={(event, fieldId) => {
          if (fieldId === undefined) return;
          const next: unknown = event.formData;
          if (Value.Check(JourneySettings, next) && JSON.stringify(next) !== JSON.stringify(settings)) store.getState().updateSettings(next);
        }}
      />
    </section>
  );
}
