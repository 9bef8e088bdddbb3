import type { DraftNode } from '../schema';

/** Output handle of single-output nodes, and the default when an edge names none. */
export const NEXT = 'next';

/** The outputs a node offers, in the order the canvas draws them. */
export function outputsOf(node: DraftNode): string[] {
  switch (node.kind) {
    case 'trigger':
    case 'action':
      return [NEXT];
    case 'exit':
      return [];
    case 'wait':
      if (node.config.type === 'event') return ['received', 'timeout'];
      if (node.config.type === 'condition') return ['met', 'timeout'];
      return [NEXT];
    case 'branch': {
      const config = node.config;
      if (config.type === 'condition') return [...config.branches.map((branch) => branch.id), 'else'];
      if (config.type === 'random') return config.paths.map((path) => path.id);
      return [...config.variants.map((variant) => variant.id), ...((config.holdoutPercent ?? 0) > 0 ? ['holdout'] : [])];
    }
  }
}
