// The audit as JSON (SPEC 5, --format json): for scripts, with the SPEC's keys.
#pragma once

#include <string>

#include "pageaudit/audit/audit.h"

namespace pageaudit {

// One JSON object, keys in the SPEC's order, no trailing newline. Missing figures are null, never
// NaN or infinity. Counts of people are whole numbers; other figures keep three significant
// digits (and all their integer digits: 532.0, 0.0172); goal bounds are written as given.
std::string render_json(const AuditResult& result);

}  // namespace pageaudit
