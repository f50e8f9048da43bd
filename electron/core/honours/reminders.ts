import type { Overdue } from '../../../shared/contract/honours';
import type { CoreContext } from '../context';
import { overdueMilestones } from './projects';
import { overdueWeak } from './weak';

/** The overview's reminders: 整顿 past their deadline, then 书记项目 milestones past theirs. */
export function honoursReminders(ctx: CoreContext): Overdue[] {
  const weak = overdueWeak(ctx).map((w) => ({
    kind: '整顿' as const,
    id: w.id,
    year: w.year,
    label: w.name,
    detail: w.plan ?? w.reason,
    owner: w.leader ?? null,
    deadline: w.deadline!,
    daysOverdue: w.overdueDays!,
  }));
  return [...weak, ...overdueMilestones(ctx)];
}
