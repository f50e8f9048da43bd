/** Numbers as the honours rules print them: points with at most one decimal (87, 86.5). */
export const points = (x: number) => String(Math.round(x * 10) / 10);

const EPS = 1e-9;
/** a ≥ b, forgiving floating-point noise (89.99999 from weights is 90). */
export const atLeast = (a: number, b: number) => a >= b - EPS;
