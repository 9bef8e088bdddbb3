// Nelder–Mead simplex minimisation, for fitting the CLV models by maximum likelihood.
//
// Why Nelder–Mead: the models have 3–4 parameters, their log-likelihoods are cheap once the
// data is grouped, and derivative-free search is robust to the flat ridges these likelihoods
// have (e.g. a and b of the BG/NBD move together). The npm candidates were unsuitable
// (`fmin` is ESM-only, 0.0.x and unmaintained), so this is a small textbook implementation
// following Lagarias, Reeds, Wright & Wright (1998), "Convergence Properties of the
// Nelder–Mead Simplex Method in Low Dimensions", SIAM J. Optim. 9(1), with the standard
// coefficients: reflection 1, expansion 2, contraction 1/2, shrink 1/2.
//
// Deterministic: no randomness, ties keep their previous order.

export interface NelderMeadOptions {
  /** Size of the initial simplex along each coordinate (one number for all, or one per coordinate). Default 0.5. */
  initialStep?: number | readonly number[];
  /** Default 5,000 iterations. */
  maxIterations?: number;
  /** Stop when the simplex's values span at most this much, relative to the best value (plus the same absolute). Default 1e-12. */
  functionTolerance?: number;
  /** ...and every vertex is within this distance (max-norm) of the best one. Default 1e-8. */
  pointTolerance?: number;
}

export interface NelderMeadResult {
  point: number[];
  value: number;
  iterations: number;
  /** True when both tolerances were met before maxIterations. */
  converged: boolean;
}

interface Vertex {
  point: number[];
  value: number;
}

const REFLECTION = 1;
const EXPANSION = 2;
const CONTRACTION = 0.5;
const SHRINK = 0.5;

/**
 * Minimises `objective` from `start`. Non-finite objective values (NaN, ±∞) count as +∞, so
 * an objective can reject infeasible points simply by returning NaN or Infinity.
 */
export function minimizeNelderMead(
  objective: (point: readonly number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const dimension = start.length;
  const maxIterations = options.maxIterations ?? 5_000;
  const functionTolerance = options.functionTolerance ?? 1e-12;
  const pointTolerance = options.pointTolerance ?? 1e-8;
  const evaluate = (point: number[]): Vertex => {
    const value = objective(point);
    return { point, value: Number.isFinite(value) ? value : Number.POSITIVE_INFINITY };
  };

  let simplex = initialSimplex(start, options.initialStep ?? 0.5).map(evaluate);
  let iterations = 0;
  for (; iterations < maxIterations; iterations += 1) {
    simplex = sortByValue(simplex);
    if (hasConverged(simplex, functionTolerance, pointTolerance)) {
      return result(simplex, iterations, true);
    }
    const worst = vertexAt(simplex, dimension);
    const secondWorst = vertexAt(simplex, dimension - 1);
    const best = vertexAt(simplex, 0);
    const centroid = centroidOf(simplex.slice(0, dimension));

    const reflected = evaluate(towards(centroid, worst.point, -REFLECTION));
    if (reflected.value < best.value) {
      const expanded = evaluate(towards(centroid, worst.point, -EXPANSION));
      simplex[dimension] = expanded.value < reflected.value ? expanded : reflected;
      continue;
    }
    if (reflected.value < secondWorst.value) {
      simplex[dimension] = reflected;
      continue;
    }
    // Contract outside the simplex when the reflection improved on the worst vertex, inside otherwise.
    const contracted =
      reflected.value < worst.value
        ? evaluate(towards(centroid, worst.point, -CONTRACTION))
        : evaluate(towards(centroid, worst.point, CONTRACTION));
    if (contracted.value < Math.min(reflected.value, worst.value)) {
      simplex[dimension] = contracted;
      continue;
    }
    simplex = [best, ...simplex.slice(1).map((vertex) => evaluate(towards(best.point, vertex.point, SHRINK)))];
  }
  simplex = sortByValue(simplex);
  return result(simplex, iterations, hasConverged(simplex, functionTolerance, pointTolerance));
}

function initialSimplex(start: readonly number[], step: number | readonly number[]): number[][] {
  const vertices = [[...start]];
  start.forEach((_, axis) => {
    const vertex = [...start];
    const size = typeof step === 'number' ? step : (step[axis] ?? 0.5);
    vertex[axis] = (vertex[axis] ?? 0) + size;
    vertices.push(vertex);
  });
  return vertices;
}

/** from + factor·(through − from): factor −1 reflects `through` across `from`, 1/2 is the midpoint. */
function towards(from: readonly number[], through: readonly number[], factor: number): number[] {
  return from.map((value, axis) => value + factor * ((through[axis] ?? 0) - value));
}

function centroidOf(vertices: readonly Vertex[]): number[] {
  const first = vertices[0];
  if (!first) return [];
  const sum = first.point.map(() => 0);
  for (const vertex of vertices) vertex.point.forEach((value, axis) => (sum[axis] = (sum[axis] ?? 0) + value));
  return sum.map((value) => value / vertices.length);
}

/** Stable, so equal values keep their order and runs are reproducible. */
function sortByValue(simplex: readonly Vertex[]): Vertex[] {
  return [...simplex].sort((left, right) => left.value - right.value || 0);
}

function vertexAt(simplex: readonly Vertex[], index: number): Vertex {
  const vertex = simplex[index];
  if (!vertex) throw new Error(`simplex has no vertex ${index}`);
  return vertex;
}

function hasConverged(simplex: readonly Vertex[], functionTolerance: number, pointTolerance: number): boolean {
  const best = vertexAt(simplex, 0);
  const worst = vertexAt(simplex, simplex.length - 1);
  if (!Number.isFinite(worst.value)) return false;
  if (worst.value - best.value > functionTolerance * (1 + Math.abs(best.value))) return false;
  return simplex.every((vertex) => vertex.point.every((value, axis) => Math.abs(value - (best.point[axis] ?? 0)) <= pointTolerance));
}

function result(simplex: readonly Vertex[], iterations: number, converged: boolean): NelderMeadResult {
  const best = vertexAt(simplex, 0);
  return { point: [...best.point], value: best.value, iterations, converged };
}

/**
 * Multi-start Nelder–Mead: a coarse search from every start (tolerances relaxed to 1e-6 in
 * value and 1e-3 in position), then only the best of them is polished to the requested
 * tolerances. Polishing restarts from its own optimum with a fresh, smaller simplex until a
 * restart stops improving the value (at most 5 times): a simplex that has collapsed along a
 * ridge can report convergence early, and a restart is the standard remedy. Polishing one
 * start instead of all of them cuts the cost about in half on the CLV likelihoods.
 * `iterations` counts every iteration spent, coarse and polishing.
 */
export function minimizeFromStarts(
  objective: (point: readonly number[]) => number,
  starts: readonly (readonly number[])[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const functionTolerance = options.functionTolerance ?? 1e-12;
  const coarse = {
    ...options,
    functionTolerance: Math.max(functionTolerance, 1e-6),
    pointTolerance: Math.max(options.pointTolerance ?? 1e-8, 1e-3),
  };
  let best: NelderMeadResult | undefined;
  let iterations = 0;
  for (const start of starts) {
    const run = minimizeNelderMead(objective, start, coarse);
    iterations += run.iterations;
    if (!best || run.value < best.value) best = run;
  }
  if (!best) throw new RangeError('at least one starting point is needed');
  let polished = minimizeNelderMead(objective, best.point, options);
  iterations += polished.iterations;
  for (let restart = 0; restart < 5 && Number.isFinite(polished.value); restart += 1) {
    const again = minimizeNelderMead(objective, polished.point, { ...options, initialStep: 0.1 });
    iterations += again.iterations;
    const improved = again.value < polished.value - functionTolerance * (1 + Math.abs(polished.value));
    if (again.value <= polished.value) polished = again;
    if (!improved) break;
  }
  return { ...polished, iterations };
}
