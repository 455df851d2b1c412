// Assembles the audit: figures, then goals, then the lint that points back at the goals.
#include "pageaudit/audit/audit.h"

namespace pageaudit {

AuditResult run_audit(const AuditInput& input) {
  AuditResult r;
  r.as_of = input.as_of;
  r.window_days = input.window_days;
  r.page_id = input.page_id;
  r.page_name = input.page_name;
  r.figures = compute_figures(input);
  r.lint = lint_goals(input, r.figures);
  for (const Goal& goal : input.goals.goals) {
    GoalResult g = evaluate_goal(goal, input, r.figures);
    for (const LintFinding& finding : r.lint) {
      if (finding.goal == goal.id) g.lint.push_back(finding.rule);
    }
    r.goals.push_back(std::move(g));
  }
  r.data_quality = check_data_quality(input);
  return r;
}

}  // namespace pageaudit
