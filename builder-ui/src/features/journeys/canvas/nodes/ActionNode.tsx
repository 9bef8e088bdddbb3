import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { findAction } from '../../../../../../engine/journey/catalog';
import { useEditorContext } from '../context';
import type { JourneyFlowNode } from '../convert';
import { NodeFrame } from './NodeFrame';

/** An action step: the catalog's icon and label, and its outcomes (e.g. `failed`) as extra outputs. */
export const ActionNode = memo(function ActionNode({ data, selected }: NodeProps<JourneyFlowNode>) {
  const { catalog } = useEditorContext();
  const node = data.node;
  const icon = node.kind === 'action' ? (findAction(catalog, node.config.actionId, node.config.actionVersion)?.icon ?? 'zap') : 'zap';
  return <NodeFrame node={node} icon={icon} selected={selected} />;
});
