// The audit of one Page as one pure function: input in, every figure, goal status and note out.
#pragma once

#include <string>
#include <vector>

#include "pageaudit/audit/figures.h"
#include "pageaudit/audit/goal_status.h"
#include "pageaudit/audit/lint.h"

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

}  // namespace pageaudit
