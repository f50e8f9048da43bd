import { buildRequirement, isInOperation, type OrgFacts } from './rules';

export interface Ratio {
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator, or null when the denominator is 0. */
  rate: number | null;
}

export interface CoverageFigures {
  total: number;
  inOperation: number;
  /** 党组织覆盖率 = in operation with a party org (own or joint) ÷ in operation. */
  orgCoverage: Ratio;
  /** 单独组建率 = own org ÷ in operation. */
  ownOrgRate: Ratio;
  /** 组建率 = built ÷ should build (3+ full members, in operation). */
  buildRate: Ratio;
  /** 工作覆盖率 = in operation and (party org or active instructor/liaison) ÷ in operation. */
  workCoverage: Ratio;
}

/** The formulas as shown in the UI next to the figures. */
export const COVERAGE_FORMULAS = {
  orgCoverage: '党组织覆盖率：在营且已建党组织（单独或联合）的组织数占在营组织数的比例',
  ownOrgRate: '单独组建率：在营且单独组建党组织的组织数占在营组织数的比例',
  buildRate: '组建率：应建（正式党员3名以上）且已建的组织数占应建组织数的比例（均为在营）',
  workCoverage: '工作覆盖率：在营且已建党组织或有在岗党建指导员、联络员的组织数占在营组织数的比例',
} as const;

export const ratio = (numerator: number, denominator: number): Ratio => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : numerator / denominator,
});

/** Where one organisation counts in the coverage rates (each only while in operation). */
export interface CoverageMembership {
  inOperation: boolean;
  withOrg: boolean;
  ownOrg: boolean;
  shouldBuild: boolean;
  shouldBuilt: boolean;
  workCovered: boolean;
}

export function coverageMembership(f: OrgFacts): CoverageMembership {
  const inOperation = isInOperation(f);
  const shouldBuild = inOperation && buildRequirement(f.fullMembers).kind === 'own';
  return {
    inOperation,
    withOrg: inOperation && f.partyOrgBuilt,
    ownOrg: inOperation && f.partyOrgBuilt && f.formation === '单独组建',
    shouldBuild,
    shouldBuilt: shouldBuild && f.partyOrgBuilt,
    workCovered: inOperation && (f.partyOrgBuilt || !!f.hasActiveAssignment),
  };
}

/** How many organisations of a set count where (summed memberships, e.g. from grouped SQL over stored facts). */
export type CoverageCounts = { total: number } & Record<keyof CoverageMembership, number>;

export function figuresFromCounts(c: CoverageCounts): CoverageFigures {
  return {
    total: c.total,
    inOperation: c.inOperation,
    orgCoverage: ratio(c.withOrg, c.inOperation),
    ownOrgRate: ratio(c.ownOrg, c.inOperation),
    buildRate: ratio(c.shouldBuilt, c.shouldBuild),
    workCoverage: ratio(c.workCovered, c.inOperation),
  };
}

/** The coverage rates of domain.md over any set of organisations (cut by street, park, … beforehand). */
export function coverageFigures(orgs: Iterable<OrgFacts>): CoverageFigures {
  const c: CoverageCounts = { total: 0, inOperation: 0, withOrg: 0, ownOrg: 0, shouldBuild: 0, shouldBuilt: 0, workCovered: 0 };
  for (const f of orgs) {
    c.total++;
    const m = coverageMembership(f);
    for (const k of Object.keys(m) as (keyof CoverageMembership)[]) if (m[k]) c[k]++;
  }
  return figuresFromCounts(c);
}
