import { minimizeFromStarts, minimizeNelderMead } from '../../../../engine/crm/clv/nelder-mead';

const rosenbrock = ([x = 0, y = 0]: readonly number[]): number => 100 * (y - x * x) ** 2 + (1 - x) ** 2;

describe('Nelder–Mead', () => {
  it('finds the minimum of the Rosenbrock function from the classic start', () => {
    const result = minimizeNelderMead(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 5);
    expect(result.point[1]).toBeCloseTo(1, 5);
    expect(result.value).toBeLessThan(1e-10);
  });

  it('minimises a badly scaled 4-d quadratic', () => {
    const centre = [3, -2, 0.5, 10];
    const scales = [1, 100, 0.01, 10];
    const quadratic = (point: readonly number[]): number =>
      point.reduce((sum, value, axis) => sum + (scales[axis] ?? 1) * (value - (centre[axis] ?? 0)) ** 2, 0);
    const result = minimizeFromStarts(quadratic, [[0, 0, 0, 0]]);
    result.point.forEach((value, axis) => expect(value).toBeCloseTo(centre[axis] ?? 0, 3));
  });

  it('treats NaN and infinite values as infeasible', () => {
    // The minimum of (x−2)² is outside the feasible region x < 1; the boundary is the answer.
    const result = minimizeNelderMead(([x = 0]) => (x < 1 ? (x - 2) ** 2 : Number.NaN), [0]);
    expect(result.point[0]).toBeLessThan(1);
    expect(result.point[0]).toBeGreaterThan(0.999);
  });

  it('reports non-convergence when it runs out of iterations, and is deterministic', () => {
    const short = minimizeNelderMead(rosenbrock, [-1.2, 1], { maxIterations: 10 });
    expect(short.converged).toBe(false);
    expect(short.iterations).toBe(10);
    expect(minimizeNelderMead(rosenbrock, [-1.2, 1])).toEqual(minimizeNelderMead(rosenbrock, [-1.2, 1]));
  });

  it('keeps the best of several starts', () => {
    // Two basins: a shallow one at x = −1 (value 1) and the global one at x = 2 (value 0).
    const twoWells = ([x = 0]: readonly number[]): number => Math.min((x + 1) ** 2 + 1, (x - 2) ** 2);
    expect(minimizeFromStarts(twoWells, [[-1.5], [2.5]]).point[0]).toBeCloseTo(2, 5);
    expect(() => minimizeFromStarts(twoWells, [])).toThrow(RangeError);
  });
});
