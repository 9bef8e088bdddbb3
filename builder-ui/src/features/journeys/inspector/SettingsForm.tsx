import { Value } from 'typebox/value';
import { GeneratedForm } from '../../../components/forms/GeneratedForm';
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
      <GeneratedForm
        schema={schema}
        formData={settings}
        disabled={readOnly}
        onEdit={(next) => {
          if (Value.Check(JourneySettings, next) && JSON.stringify(next) !== JSON.stringify(settings)) store.getState().updateSettings(next);
        }}
      />
    </section>
  );
}
