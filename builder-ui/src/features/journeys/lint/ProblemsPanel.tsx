import { useEditor, useEditorContext } from '../canvas/context';
import { describeNode } from '../canvas/describe';

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Every compile issue and lint finding; choosing one selects its step (and its field in the form). */
export function ProblemsPanel({ onShow }: { onShow: (nodeId: string, field: string | undefined) => void }) {
  const problems = useEditor((state) => state.problems);
  const { store, catalog } = useEditorContext();
  const shown = [...problems].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.filter((problem) => problem.severity === 'warning').length;
  return (
    <section className="problems" aria-label="Problems">
      <h2>
        Problems{' '}
        <span className="problem-counts">
          {errors} error{errors === 1 ? '' : 's'} · {warnings} warning{warnings === 1 ? '' : 's'}
        </span>
      </h2>
      {shown.length === 0 && <p className="hint">No problems: this journey is ready to publish.</p>}
      <ul>
        {shown.map((problem, index) => {
          const node = problem.nodeId ? store.getState().draft.nodes.find((candidate) => candidate.id === problem.nodeId) : undefined;
          const label = node ? (node.label ?? describeNode(node, catalog)) : problem.nodeId ? problem.nodeId : 'Journey';
          return (
            <li key={`${problem.code}-${problem.nodeId ?? ''}-${index}`} className={`problem-${problem.severity}`}>
              <button type="button" className="link-button" disabled={!problem.nodeId} onClick={() => problem.nodeId && onShow(problem.nodeId, problem.field)}>
                <span className="problem-severity">{problem.severity}</span> <strong>{label}</strong>: {problem.message}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
