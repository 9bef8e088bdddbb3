import { Background, Controls, Handle, Position, ReactFlow, type Edge, type Node, type NodeProps, type NodeTypes } from '@xyflow/react';

/** The node kinds of the journey language (engine/journey) that the sample needs. */
type StepKind = 'trigger' | 'wait' | 'branch' | 'email' | 'sms';
type StepNode = Node<{ kind: StepKind; label: string }, 'step'>;

/** One journey step: its kind as a badge over its label, so the sample reads like the future editor. */
function StepCard({ data }: NodeProps<StepNode>) {
  // Triggers start a journey (nothing flows in); messages end this sample (nothing flows out).
  const hasInput = data.kind !== 'trigger';
  const hasOutput = data.kind !== 'email' && data.kind !== 'sms';
  return (
    <div className={`step step-${data.kind}`}>
      {hasInput && <Handle type="target" position={Position.Top} isConnectable={false} />}
      <span className="step-kind">{data.kind}</span>
      <span className="step-label">{data.label}</span>
      {hasOutput && <Handle type="source" position={Position.Bottom} isConnectable={false} />}
    </div>
  );
}

// Module scope: React Flow warns about, and re-creates every node for, a nodeTypes object
// whose identity changes between renders; the static sample data is kept stable the same way.
const nodeTypes: NodeTypes = { step: StepCard };

const nodes: StepNode[] = [
  { id: 'trigger', type: 'step', position: { x: 0, y: 0 }, data: { kind: 'trigger', label: 'Order placed' } },
  { id: 'wait', type: 'step', position: { x: 0, y: 120 }, data: { kind: 'wait', label: '2 days' } },
  { id: 'branch', type: 'step', position: { x: 0, y: 240 }, data: { kind: 'branch', label: 'Has opened email?' } },
  { id: 'email', type: 'step', position: { x: -170, y: 380 }, data: { kind: 'email', label: 'Thank you' } },
  { id: 'sms', type: 'step', position: { x: 170, y: 380 }, data: { kind: 'sms', label: 'Reminder' } },
];

const edges: Edge[] = [
  { id: 'trigger-wait', source: 'trigger', target: 'wait' },
  { id: 'wait-branch', source: 'wait', target: 'branch' },
  { id: 'branch-email', source: 'branch', target: 'email', label: 'yes' },
  { id: 'branch-sms', source: 'branch', target: 'sms', label: 'no' },
];

/** A read-only sample journey until the editor lands: proves React Flow renders in the served bundle. */
export function SampleJourney() {
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      fitView
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
    >
      <Background />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
