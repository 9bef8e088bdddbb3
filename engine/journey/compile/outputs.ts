import type { DraftNode } from '../schema';
import { findAction, type ActionCatalog } from '../catalog';

/** Output handle of single-output nodes, and the default when an edge names none. */
export const NEXT = 'next';

/**
 * The outputs a node offers, in the order the canvas draws them. An action's normal outcome
 * is `next`; its other declared outcomes (e.g. `failed`, `skipped`) are optional outputs, and
 * a contact whose outcome has no edge of its own carries on along `next`.
 */
export function outputsOf(node: DraftNode, catalog?: ActionCatalog): string[] {
  switch (node.kind) {
    case 'trigger':
      return [NEXT];
    case 'action': {
      const outcomes = (catalog && findAction(catalog, node.config.actionId, node.config.actionVersion)?.outputs) ?? [];
      return [NEXT, ...outcomes.slice(1).filter((outcome) => outcome !== NEXT)];
    }
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
