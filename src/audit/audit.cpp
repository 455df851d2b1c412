// Assembles the audit: figures, then goals, then the lint that points back at the goals.
#include "pageaudit/audit/audit.h"

#include <string>

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

namespace {

// The goals --fail-on fails on: those in its state or a worse one.
struct FailingGoals {
  long count = 0;
  std::string list;  // "id (status), ..."
};

FailingGoals failing_goals(const AuditResult& result, GoalStatus threshold) {
  FailingGoals failing;
  for (const GoalResult& g : result.goals) {
    if (!goal_status_at_least(g.status, threshold)) continue;
    failing.list += fmt::format("{}{} ({})", failing.list.empty() ? "" : ", ", g.goal.id,
                                goal_status_name(g.status));
    ++failing.count;
  }
  return failing;
}

std::string_view fail_on_states(GoalStatus threshold) {
  return threshold == GoalStatus::missed ? "missed" : "behind or missed";
}

}  // namespace

Status check_fail_on(const AuditResult& result, GoalStatus threshold) {
  const FailingGoals failing = failing_goals(result, threshold);
  if (failing.count == 0) return {};
  return failf(ExitCode::goal_failed, "--fail-on {}: {} {} {}: {}", goal_status_name(threshold),
               failing.count, failing.count == 1 ? "goal is" : "goals are",
               fail_on_states(threshold), failing.list);
}

Status check_fail_on(std::span<const AuditResult* const> audits, GoalStatus threshold) {
  std::string failing;
  long pages = 0;
  for (const AuditResult* a : audits) {
    const FailingGoals goals = failing_goals(*a, threshold);
    if (goals.count == 0) continue;
    failing += fmt::format("{}Page {}: {}", failing.empty() ? "" : "; ", a->page_id, goals.list);
    ++pages;
  }
  if (pages == 0) return {};
  return failf(ExitCode::goal_failed, "--fail-on {}: {} of {} Pages {} {}: {}",
               goal_status_name(threshold), pages, audits.size(),
               pages == 1 ? "has a goal" : "have goals", fail_on_states(threshold), failing);
}

}  // namespace pageaudit
