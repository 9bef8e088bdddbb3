import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { JourneyFlowNode } from '../convert';
import { NodeFrame } from './NodeFrame';

export const TriggerNode = memo(function TriggerNode({ data, selected }: NodeProps<JourneyFlowNode>) {
  return <NodeFrame node={data.node} icon='play' selected={selected} />;
});
