import { useRef } from 'react';
import { usePublish, useStatusChange, type JourneyDetail } from '../../../api/journeys';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useEditor } from './context';
import type { SaveState } from './useAutosave';

/**
 * Publish (through a confirmation listing the warnings and the most messages one contact can
 * receive per channel), and pause, resume or archive the live journey.
 */
export function PublishControls({ journey, saveState }: { journey: JourneyDetail; saveState: SaveState }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const problems = useEditor((state) => state.problems);
  const maxMessages = useEditor((state) => state.maxMessagesPerChannel);
  const publish = usePublish(journey.id);
  const status = useStatusChange(journey.id);
  const errors = problems.filter((problem) => problem.severity === 'error');
  const warnings = problems.filter((problem) => problem.severity === 'warning');
  const canPublish = errors.length === 0 && saveState.kind === 'saved';
  const current = status.data?.status ?? journey.status;

  return (
    <div className="toolbar-group publish-controls">
      {current === 'active' && <button type="button" onClick={() => status.mutate('pause')}>Pause</button>}
      {current === 'paused' && <button type="button" onClick={() => status.mutate('resume')}>Resume</button>}
      {(current === 'active' || current === 'paused') && <button type="button" onClick={() => status.mutate('archive')}>Archive</button>}
      <button
        type="button"
        className="primary"
        disabled={!canPublish}
        title={errors.length > 0 ? 'Fix the errors first' : undefined}
        onClick={() => {
          // Each opening is a new decision: forget the previous publish's outcome.
          publish.reset();
          dialog.current?.showModal();
        }}
      >
        Publish
      </button>
      {status.isError && <ErrorMessage error={status.error} />}
      <dialog ref={dialog} className="dialog" aria-labelledby="publish-title">
        <h2 id="publish-title">Publish this journey?</h2>
        <p>New contacts enter the new version; contacts already on their way finish the version they started.</p>
        <h3>Most messages one contact can receive</h3>
        <ul>
          {Object.entries(maxMessages).length === 0 && <li>No messages</li>}
          {Object.entries(maxMessages).map(([channel, count]) => (
            <li key={channel}>
              {channel}: {count === 'unbounded' ? 'no limit (a loop sends)' : count}
            </li>
          ))}
        </ul>
        {warnings.length > 0 && (
          <>
            <h3>{warnings.length} warning{warnings.length === 1 ? '' : 's'}</h3>
            <ul className="publish-warnings">
              {warnings.map((warning, index) => (
                <li key={`${warning.code}-${index}`}>{warning.message}</li>
              ))}
            </ul>
          </>
        )}
        {publish.isError && <ErrorMessage error={publish.error} />}
        {publish.isSuccess && <p role="status">{publish.data.alreadyPublished ? `Nothing changed since version ${publish.data.version}, which is live.` : `Published version ${publish.data.version}.`}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={() => dialog.current?.close()}>
            {publish.isSuccess ? 'Close' : 'Cancel'}
          </button>
          {!publish.isSuccess && (
            <button type="button" className="primary" disabled={publish.isPending} onClick={() => publish.mutate()}>
              {publish.isPending ? 'Publishing…' : 'Publish'}
            </button>
          )}
        </div>
      </dialog>
    </div>
  );
}
