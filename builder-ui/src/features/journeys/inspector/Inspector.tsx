import { GeneratedForm } from '../../../components/forms/GeneratedForm';
import type { FormHints } from '../../../components/forms/ui-schema';
import { findAction, type ActionCatalog } from '../../../../../engine/journey/catalog';
import { Value } from 'typebox/value';
import { DraftNode, DraftNodeSchemas } from '../../../../../engine/journey/schema';
import { useEditor, useEditorContext } from '../canvas/context';
import { describeNode } from '../canvas/describe';
import { formSchema } from './form-schema';
import { SettingsForm } from './SettingsForm';
import { BRANCH_VARIANTS, formSchemaOf, TRIGGER_VARIANTS, WAIT_VARIANTS, type ConfigVariant } from './node-schemas';
import { starterConfig } from './starter-configs';

const KIND_TITLES = { trigger: 'Trigger', wait: 'Wait', branch: 'Branch', action: 'Action', exit: 'Exit' } as const;


/** Liquid fields and the channel come from the action's catalog entry; the entry event from the trigger. */
function hintsFor(node: DraftNode, catalog: ActionCatalog, entryEvent: string | undefined): FormHints {
  if (node.kind !== 'action') return { entryEvent };
  const entry = findAction(catalog, node.config.actionId, node.config.actionVersion);
  const channel = entry?.message?.channel;
  return { templateFields: entry?.templateFields ?? [], channel: channel === 'email' || channel === 'sms' ? channel : undefined, entryEvent };
}

function variantsFor(node: DraftNode): readonly ConfigVariant[] {
  return node.kind === 'trigger' ? TRIGGER_VARIANTS : node.kind === 'wait' ? WAIT_VARIANTS : node.kind === 'branch' ? BRANCH_VARIANTS : [];
}

/** A node with new config, accepted only when it fits the kind's schema (incomplete edits stay in the form). */
function withConfig(node: DraftNode, config: unknown): DraftNode | undefined {
  const candidate: unknown = node.kind === 'action' ? { ...node, config: { ...node.config, input: config } } : { ...node, config };
  return Value.Check(DraftNodeSchemas[node.kind], candidate) && Value.Check(DraftNode, candidate) ? candidate : undefined;
}

/** The selected step's settings: its label, its type, and a form generated from its JSON Schema. */
export function Inspector() {
  const { store, catalog, readOnly } = useEditorContext();
  const selectedIds = useEditor((state) => state.selectedNodeIds);
  const node = useEditor((state) => (state.selectedNodeIds.length === 1 ? state.draft.nodes.find((candidate) => candidate.id === state.selectedNodeIds[0]) : undefined));
  const problems = useEditor((state) => state.problems);
  const entryEvent = useEditor((state) => {
    const trigger = state.draft.nodes.find((candidate) => candidate.kind === 'trigger');
    return trigger?.kind === 'trigger' && trigger.config.type === 'event' ? trigger.config.event : undefined;
  });

  if (!node) {
    return (
      <aside className="inspector" aria-label="Step settings">
        <h2>{selectedIds.length > 1 ? `${selectedIds.length} steps selected` : 'Journey'}</h2>
        <p className="hint">Select a step to edit it. Drag steps from the palette; connect an output to a step’s top to continue the path.</p>
        {selectedIds.length === 0 && <SettingsForm />}
      </aside>
    );
  }
  const schema = formSchemaOf(node, catalog);
  const variants = variantsFor(node);
  const mine = problems.filter((problem) => problem.nodeId === node.id);
  const formData: unknown = node.kind === 'action' ? node.config.input : node.config;
  const generated = schema ? formSchema(schema) : undefined;
  return (
    <aside className="inspector" aria-label="Step settings">
      <div>
        <h2>{node.label ?? KIND_TITLES[node.kind]}</h2>
        <p className="inspector-summary">{describeNode(node, catalog)}</p>
      </div>
      <label className="field">
        Label
        <input value={node.label ?? ''} placeholder="Shown on the canvas" maxLength={120} disabled={readOnly} onChange={(event) => store.getState().relabel(node.id, event.target.value)} />
      </label>
      {variants.length > 0 && 'type' in node.config && (
        <label className="field">
          {node.kind === 'trigger' ? 'Starts when' : node.kind === 'wait' ? 'Waits' : 'Splits by'}
          <select
            value={node.config.type}
            disabled={readOnly}
            onChange={(event) => {
              const next = withConfig(node, starterConfig(node.kind, event.target.value));
              if (next) store.getState().replaceNode(next);
            }}
          >
            {variants.map((variant) => (
              <option key={variant.type} value={variant.type}>
                {variant.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {mine.length > 0 && (
        <ul className="inspector-problems">
          {mine.map((problem, index) => (
            <li key={`${problem.code}-${index}`} className={`problem-${problem.severity}`}>
              {problem.field && <strong>{problem.field.replace(/^config\.(input\.)?/, '')}: </strong>}
              {problem.message}
            </li>
          ))}
        </ul>
      )}
      {generated && (
        <GeneratedForm
          key={`${node.id}:${'type' in node.config ? node.config.type : node.kind}`}
          schema={generated}
          formData={formData}
          hints={hintsFor(node, catalog, entryEvent)}
          disabled={readOnly}
          onEdit={(edited) => {
            const next = withConfig(node, edited);
            if (next && JSON.stringify(next) !== JSON.stringify(node)) store.getState().replaceNode(next);
          }}
        />
      )}
    </aside>
  );
}
