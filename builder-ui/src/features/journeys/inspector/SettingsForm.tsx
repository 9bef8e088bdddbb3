import { useMemo } from 'react';
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
  // The entry filter and exit conditions may test the entry event's properties.
  const entryEvent = useEditor((state) => {
    const trigger = state.draft.nodes.find((candidate) => candidate.kind === 'trigger');
    return trigger?.kind === 'trigger' && trigger.config.type === 'event' ? trigger.config.event : undefined;
  });
  const hints = useMemo(() => ({ entryEvent }), [entryEvent]);
  return (
    <section aria-labelledby="journey-settings-title">
      <h3 id="journey-settings-title">Journey settings</h3>
      <GeneratedForm
        schema={schema}
        formData={settings}
        hints={hints}
        disabled={readOnly}
        onEdit={(next) => {
          if (Value.Check(JourneySettings, next) && JSON.stringify(next) !== JSON.stringify(settings)) store.getState().updateSettings(next);
        }}
      />
    </section>
  );
}
