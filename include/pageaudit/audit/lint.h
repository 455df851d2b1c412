// The audit of the goals themselves (lint rules with stable ids) and notes on the data's quality.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pageaudit/audit/figures.h"

namespace pageaudit {

struct LintFinding {
  std::string rule;                 // stable id: "vanity-round-target", "no-deadline"...
  std::optional<std::string> goal;  // the goal's id; nullopt for rules about the goal set
  std::string message;              // in the input's language
};

// Runs every rule over input.goals, goal by goal in file order, then the rules about the set:
//   vanity-round-target  a followers/views/viewers bound that is a multiple of 1,000, with no
//                        outcome goal of the same objective to give it a purpose
//   no-objective         a goal without an objective
//   no-deadline          a goal without "by"
//   objective-mismatch   a metric that does not measure the goal's objective (effort metrics
//                        and the objective "other" fit everything)
//   no-business-goal     no goal on customers, useful followers, replies or an outcome
//   effort-unbounded     hours went into the Page in the window and no goal bounds hours or
//                        hours/cost per useful follower
std::vector<LintFinding> lint_goals(const AuditInput& input, const Figures& figures);

struct DataQualityNote {
  std::string note;     // stable id: "follower-gaps", "stale-store", "series-break-views"...
  std::string message;  // in the input's language
};

// Notes on what the figures rest on: missing or stale follower counts, series breaks where Meta
// replaced a metric, and customer estimates resting on few people.
std::vector<DataQualityNote> check_data_quality(const AuditInput& input);

}  // namespace pageaudit
