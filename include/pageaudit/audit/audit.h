// The audit of one Page as one pure function: input in, every figure, goal status and note out.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "pageaudit/audit/figures.h"
#include "pageaudit/audit/goal_status.h"
#include "pageaudit/audit/lint.h"
#include "pageaudit/core/error.h"

namespace pageaudit {

struct AuditResult {
  Date as_of;
  int window_days = k_default_window_days;
  std::string page_id;
  std::string page_name;
  Figures figures;
  std::vector<GoalResult> goals;  // in goals-file order, each with the lint ids that concern it
  std::vector<LintFinding> lint;
  std::vector<DataQualityNote> data_quality;
};

// Computes the figures, evaluates every goal, lints the goals and checks the data. Never fails:
// what cannot be computed is null with a reason, or a goal with status no_data.
AuditResult run_audit(const AuditInput& input);

// audit --fail-on threshold (SPEC 6): ExitCode::goal_failed when a goal is in that state or a
// worse one (goal_status_at_least), naming each: "--fail-on behind: 2 goals are behind or missed:
// a (behind), b (missed)". Success when none is.
Status check_fail_on(const AuditResult& result, GoalStatus threshold);

// The same over several Pages' audits (--all-pages): "--fail-on missed: 1 of 3 Pages has a goal
// missed: Page 2: a (missed)"; "Page 1: ...; Page 2: ..." when several have.
Status check_fail_on(std::span<const AuditResult* const> audits, GoalStatus threshold);

}  // namespace pageaudit
