// The consultant's report laid out as sections of labelled values, notes and findings, before
// any format: the text, Markdown and HTML reports write the same layout, so all say the same.
#pragma once

#include <string>
#include <vector>

#include "pageaudit/audit/audit.h"

namespace pageaudit {

// One labelled value ("Followers", "9,874") with notes on how it was found and how sure it is.
struct ReportLine {
  std::string label;
  std::string value;
  std::vector<std::string> notes;
};

// A group of lines: a goal's (with its heading) or a section's figures (heading empty).
struct ReportBlock {
  std::string heading;
  std::vector<ReportLine> lines;
};

// A finding in a list: the lint rule it comes from (empty for a data quality note), and what it
// says.
struct ReportBullet {
  std::string tag;
  std::string text;
};

// Sections have stable ids, in report order: where, effort, who, goals, questions, data.
struct ReportSection {
  std::string id;
  std::string title;
  std::vector<ReportBlock> blocks;
  std::vector<ReportBullet> bullets;
  std::string empty;  // what to say when there are neither blocks nor bullets
};

struct ReportLayout {
  std::string title;
  std::string subtitle;
  std::vector<ReportSection> sections;
};

// Lays out result, the audit of input, in input.language; every sentence comes from the message
// catalogue, numbers and dates are written the language's way, and a figure without a value says
// why. Texts are plain: what came from files (goal ids, reasons, names) is not escaped here, each
// format escapes it for itself.
ReportLayout lay_out_report(const AuditInput& input, const AuditResult& result);

}  // namespace pageaudit
