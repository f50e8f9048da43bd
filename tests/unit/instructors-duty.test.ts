import { describe, expect, it } from 'vitest';
import { addMonths, visitDueDate, visitOverdueDays } from '../../shared/domain/visitDuty';

describe('visit duty (走访逾期 rule)', () => {
  it('adds months and clamps to the end of a shorter month', () => {
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-05-15', -6)).toBe('2025-11-15');
    expect(addMonths('2026-12-01', 1)).toBe('2027-01-01');
  });

  it('is due one period after the last visit, or after the start when there is none', () => {
    expect(visitDueDate('2026-05-01', null)).toBe('2026-08-01');
    expect(visitDueDate('2026-05-01', '2026-10-10')).toBe('2027-01-10');
    expect(visitDueDate('2026-05-01', '2026-10-10', { intervalMonths: 1 })).toBe('2026-11-10');
  });

  it('ignores a visit made before the assignment started', () => {
    expect(visitDueDate('2026-05-01', '2026-04-20')).toBe('2026-08-01');
  });

  it('counts days overdue strictly after the due date', () => {
    expect(visitOverdueDays('2026-05-01', null, '2026-08-01')).toBeNull();
    expect(visitOverdueDays('2026-05-01', null, '2026-08-02')).toBe(1);
    expect(visitOverdueDays('2026-05-01', null, '2026-11-22')).toBe(113);
    // A new assignment is not overdue at once.
    expect(visitOverdueDays('2026-10-01', null, '2026-11-22')).toBeNull();
  });
});
