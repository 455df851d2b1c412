// What a pull says when it ends: the summary line and the Pages' failures, from its PullReport.
#pragma once

#include <string>
#include <vector>

#include "pageaudit/graph/pull.h"

namespace pageaudit {

// "pulled 2 Pages: 1,460 values, 12 posts, 48 post metrics, 3 comments (9 requests, 1.2 s)";
// with a Page that stopped, "pulled 1 of 2 Pages: ...". Counts are summed over the Pages.
std::string pull_summary(const PullReport& report, double seconds);

// The distinct messages of the Pages that stopped, in Page order, except that the first message
// of the most serious code (report.code()) comes last; empty when every Page completed.
std::vector<std::string> pull_failures(const PullReport& report);

}  // namespace pageaudit
