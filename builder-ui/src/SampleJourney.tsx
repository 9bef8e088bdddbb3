import { Background, Controls, ReactFlow, type Edge, type Node } from '@xyflow/react';

// Module scope: React Flow re-renders everything when these identities change.
const nodes: Node[] = [
  { id: 'trigger', type: 'input', position: { x: 0, y: 0 }, data: { label: 'Trigger: Order placed' } },
  { id: 'wait', position: { x: 0, y: 110 }, data: { label: 'Wait 2 days' } },
  { id: 'branch', position: { x: 0, y: 220 }, data: { label: 'Opened the thank-you email?' } },
  { id: 'email', type: 'output', position: { x: -170, y: 340 }, data: { label: 'Email: Thank you' } },
  { id: 'sms', type: 'output', position: { x: 170, y: 340 }, data: { label: 'SMS: Reminder' } },
];

const edges: Edge[] = [
  { id: 'trigger-wait', source: 'trigger', target: 'wait' },
  { id: 'wait-branch', source: 'wait', target: 'branch' },
  { id: 'branch-email', source: 'branch', target: 'email', label: 'yes' },
  { id: 'branch-sms', source: 'branch', target: 'sms', label: 'no' },
];

/** A read-only sample journey until the builder lands: proves React Flow renders in the served bundle. */
export function SampleJourney() {
  return (
    <ReactFlow nodes={nodes} edges={edges} fitView nodesDraggable={false} nodesConnectable={false} elementsSelectable={false}>
      <Background />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
