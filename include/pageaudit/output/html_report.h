// The audit as one self-contained HTML page with charts (SPEC 5, --format html).
#pragma once

#include <string>
#include <string_view>

#include "pageaudit/audit/audit.h"

namespace pageaudit {

// text with & < > " ' replaced by their character references, safe in a text node and in a
// quoted attribute value. Everything the report did not write itself goes through it.
std::string html_escape(std::string_view text);

// Renders result, the audit of input, in input.language as a complete HTML document: the
// business (from the goals file), the Page's name and id, then the text report's sections in its
// order, with inline SVG charts: daily followers with each follower goal's bound and the trend
// projected to its deadline (where we are), views and engagements per week with Meta's series
// breaks (where we are), hours per week against net new (and useful) followers per week (what the
// effort costs), the customer estimates with their intervals (who the followers are), and a
// table of the goals (goals). No script, no network resource, no external font; a print
// stylesheet lays it out on A4 without cutting a chart. Ends with a newline.
std::string render_html(const AuditInput& input, const AuditResult& result);

}  // namespace pageaudit
