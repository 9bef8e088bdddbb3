import { Handle, Position } from '@xyflow/react';
import { outputsOf } from '../../../../../../engine/journey/compile';
import type { DraftNode } from '../../../../../../engine/journey/schema';
import { Icon } from '../../../../components/Icon';
import { useEditor, useEditorContext } from '../context';
import { describeNode, outputLabel } from '../describe';
import { NodeStatsStrip } from './NodeStatsStrip';

const KIND_LABELS = { trigger: 'Trigger', wait: 'Wait', branch: 'Branch', action: 'Action', exit: 'Exit' } as const;

/**
 * What every node kind draws: its kind and icon, its configuration in words, its lint badge,
 * and one labelled handle per output (`Else`, `Timed out`, branch names…).
 */
export function NodeFrame({ node, icon, selected }: { node: DraftNode; icon: string; selected: boolean }) {
  const { catalog } = useEditorContext();
  const problems = useEditor((state) => state.problems);
  const stats = useEditor((state) => state.stats[node.id]);
  const change = useEditor((state) => state.comparison?.diff.nodes.get(node.id));
  const mine = problems.filter((problem) => problem.nodeId === node.id);
  const worst = mine.some((problem) => problem.severity === 'error') ? 'error' : mine.some((problem) => problem.severity === 'warning') ? 'warning' : undefined;
  const outputs = outputsOf(node, catalog);
  const summary = describeNode(node, catalog);
  const title = node.label ?? summary;
  return (
    <div
      className={`journey-node kind-${node.kind}${selected ? ' is-selected' : ''}${worst ? ` has-${worst}` : ''}${change ? ` diff-${change}` : ''}`}
      aria-label={`${KIND_LABELS[node.kind]}: ${title}${change ? ` (${change})` : ''}`}
    >
      {change && <span className={`diff-tag diff-tag-${change}`}>{change}</span>}
      {node.kind !== 'trigger' && <Handle type="target" position={Position.Top} className="node-handle" />}
      <div className="node-kind">
        <Icon name={icon} size={14} />
        <span>{KIND_LABELS[node.kind]}</span>
        {worst && (
          <span className={`node-badge badge-${worst}`} title={mine.map((problem) => problem.message).join('\n')}>
            {mine.filter((problem) => problem.severity === worst).length} {worst === 'error' ? 'error' : 'warning'}
            {mine.filter((problem) => problem.severity === worst).length === 1 ? '' : 's'}
          </span>
        )}
      </div>
      <div className="node-title">{title}</div>
      {node.label && <div className="node-summary">{summary}</div>}
      {stats && <NodeStatsStrip stats={stats} sends={node.kind === 'action' && stats.messages.sent + stats.messages.queued + stats.messages.failed + stats.messages.suppressed > 0} />}
      {outputs.length > 0 && (
        <div className="node-outputs">
          {outputs.map((output, index) => (
            <div key={output} className="node-output" style={{ left: `${((index + 1) / (outputs.length + 1)) * 100}%` }}>
              {outputs.length > 1 && <span className="output-label">{outputLabel(node, output)}</span>}
              <Handle id={output} type="source" position={Position.Bottom} className="node-handle" />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
