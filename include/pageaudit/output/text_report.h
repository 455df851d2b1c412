// The audit as a consultant would hand it over (SPEC 5, --format text and markdown): the answers
// first, then the goals, then the questions the goals raise and the notes on the data.
#pragma once

#include <string>

#include "pageaudit/audit/audit.h"
#include "pageaudit/output/report_format.h"

namespace pageaudit {

// Renders result, the audit of input, in input.language. Sections, in order:
//   where we are           followers, net change and trend; views, viewers, engagements (with
//                          the engagement rate), page visits, posts, comments, outcomes
//   what the effort costs  hours (and where they come from), cost, hours and cost per useful
//                          follower, hours per new useful follower
//   who the followers are  the customer estimates (headline first, with method, interval and
//                          bias) and the useful followers (with how they were measured)
//   goals                  per goal: status, current value, and for goals still open the
//                          projection, required change per day and projected date
//   questions              the lint findings; data quality: the notes
// Numbers, percents and dates are written the language's way (9,874 / 9.874; 0.33 / 0,33;
// 20 November 2026 / 20 de noviembre de 2026). A figure without a value says why, never inf or
// NaN. text wraps prose at 100 columns; markdown escapes what came from files. Ends with a newline.
// format is text or markdown; render_report (report_format.h) is the entry for every format.
std::string render_text_report(const AuditInput& input, const AuditResult& result,
                               ReportFormat format);

}  // namespace pageaudit
