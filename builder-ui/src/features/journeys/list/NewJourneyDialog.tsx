import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { DRAFT_SCHEMA_VERSION, type JourneyDraft } from '../../../../../engine/journey/schema';
import { useCreateJourney } from '../../../api/journeys';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TemplateGallery } from '../../templates/TemplateGallery';

/** A name no journey of the workspace has yet: "Welcome series", then "Welcome series 2", … */
function freeName(base: string, taken: readonly string[]): string {
  const names = new Set(taken);
  if (!names.has(base)) return base;
  for (let n = 2; ; n += 1) if (!names.has(`${base} ${n}`)) return `${base} ${n}`;
}

/** A blank journey still needs a way in: a manual trigger, which the marketer then changes. */
function blankDraft(name: string): JourneyDraft {
  return {
    schemaVersion: DRAFT_SCHEMA_VERSION,
    name,
    settings: { reentry: { mode: 'never' }, exitCriteria: [] },
    nodes: [{ id: 'trigger', kind: 'trigger', label: 'Start', position: { x: 0, y: 0 }, config: { type: 'manual' } }],
    edges: [],
  };
}

export function NewJourneyDialog({ existingNames, onClose }: { existingNames: readonly string[]; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const navigate = useNavigate();
  const create = useCreateJourney();
  const [name, setName] = useState('');

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const start = (draft: JourneyDraft) =>
    create.mutate(draft, { onSuccess: (created) => navigate(`/journeys/${created.journeyId}`) });

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="new-journey-title" onClose={onClose}>
      <div className="dialog-heading">
        <h2 id="new-journey-title">New journey</h2>
        <button type="button" className="link-button" onClick={() => dialog.current?.close()}>
          Cancel
        </button>
      </div>
      <form
        className="blank-journey"
        onSubmit={(event) => {
          event.preventDefault();
          start(blankDraft(freeName(name.trim() || 'Untitled journey', existingNames)));
        }}
      >
        <label>
          Name
          <input value={name} placeholder="Untitled journey" maxLength={200} onChange={(event) => setName(event.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={create.isPending}>
          Blank journey
        </button>
      </form>
      <h3>Or start from a template</h3>
      {create.isError && <ErrorMessage error={create.error} />}
      <TemplateGallery
        disabled={create.isPending}
        onChoose={(template) => start({ ...structuredClone(template.draft), name: freeName(name.trim() || template.draft.name, existingNames) })}
      />
    </dialog>
  );
}
