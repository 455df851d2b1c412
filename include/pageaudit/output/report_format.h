// The formats an audit report is written in (SPEC 5, --format), and the one function that renders
// a report in any of them.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "pageaudit/audit/audit.h"

namespace pageaudit {

enum class ReportFormat { text, markdown, json, html };

// "text", "markdown", "json", "html"; the names --format takes and audit_runs.format records.
std::string_view report_format_name(ReportFormat format);

// The format named name, exactly as report_format_name writes it; nullopt for any other text.
std::optional<ReportFormat> parse_report_format(std::string_view name);

// The format a file name's extension suggests: .txt text, .md and .markdown markdown, .json json,
// .html and .htm html (letters in any case); nullopt for none or another extension.
std::optional<ReportFormat> report_format_from_extension(std::string_view path);

// Renders result, the audit of input, in format: text and markdown as text_report.h writes them,
// json as render_json with a newline, html as render_html. json, when not empty, is
// render_json(result) already made by the caller (the store records it too) and is used as is.
// Ends with a newline.
std::string render_report(const AuditInput& input, const AuditResult& result, ReportFormat format,
                          std::string_view json = {});

// Several Pages' reports (each as render_report wrote it) as one document, in order: text and
// markdown with a rule between them, json as one array of the documents; html has no such
// document and is not accepted (REQUIRES: format != html). No reports: text and markdown empty,
// json an empty array.
std::string join_reports(ReportFormat format, std::span<const std::string> reports);

}  // namespace pageaudit
