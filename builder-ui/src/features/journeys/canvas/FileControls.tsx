import { useRef, useState } from 'react';
import { useEditorContext } from './context';
import { fileNameOf, journeyFileOf, readJourneyFile } from './journey-file';

/** Journeys as code from the canvas: download the draft as a journey file, or load one into it. */
export function FileControls() {
  const { store, readOnly } = useEditorContext();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | undefined>(undefined);

  const exportFile = () => {
    const draft = store.getState().draft;
    const url = URL.createObjectURL(new Blob([journeyFileOf(draft)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileNameOf(draft);
    link.click();
    URL.revokeObjectURL(url);
  };

  const importFile = async (file: File) => {
    const read = readJourneyFile(await file.text());
    if ('error' in read) return setError(read.error);
    setError(undefined);
    // One undo step: importing over the canvas can be taken back.
    store.getState().replaceDraft(read.draft);
  };

  return (
    <div className="toolbar-group" role="group" aria-label="Journey file">
      <button type="button" onClick={exportFile}>
        Export
      </button>
      <button type="button" disabled={readOnly} onClick={() => input.current?.click()}>
        Import
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Journey file to import"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void importFile(file);
        }}
      />
      {error && (
        <span className="error-message" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
