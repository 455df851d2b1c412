// Report formats: names, extensions, and the dispatch to the text, JSON and HTML renderers.
#include "pageaudit/output/report_format.h"

#include <array>
#include <cctype>
#include <utility>

#include "pageaudit/output/html_report.h"
#include "pageaudit/output/json_report.h"
#include "pageaudit/output/text_report.h"

namespace pageaudit {
namespace {

constexpr std::array<std::pair<ReportFormat, std::string_view>, 4> k_names{{
    {ReportFormat::text, "text"},
    {ReportFormat::markdown, "markdown"},
    {ReportFormat::json, "json"},
    {ReportFormat::html, "html"},
}};

constexpr std::array<std::pair<std::string_view, ReportFormat>, 6> k_extensions{{
    {"txt", ReportFormat::text},
    {"md", ReportFormat::markdown},
    {"markdown", ReportFormat::markdown},
    {"json", ReportFormat::json},
    {"html", ReportFormat::html},
    {"htm", ReportFormat::html},
}};

}  // namespace

std::string_view report_format_name(ReportFormat format) {
  for (const auto& [value, name] : k_names) {
    if (value == format) return name;
  }
  return "text";
}

std::optional<ReportFormat> parse_report_format(std::string_view name) {
  for (const auto& [value, known] : k_names) {
    if (known == name) return value;
  }
  return std::nullopt;
}

std::optional<ReportFormat> report_format_from_extension(std::string_view path) {
  const size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || path.find('/', dot) != std::string_view::npos) {
    return std::nullopt;
  }
  std::string extension(path.substr(dot + 1));
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [known, value] : k_extensions) {
    if (known == extension) return value;
  }
  return std::nullopt;
}

std::string render_report(const AuditInput& input, const AuditResult& result, ReportFormat format,
                          std::string_view json) {
  switch (format) {
    case ReportFormat::json:
      return (json.empty() ? render_json(result) : std::string(json)) + "\n";
    case ReportFormat::html:
      return render_html(input, result);
    case ReportFormat::text:
    case ReportFormat::markdown:
      break;
  }
  return render_text_report(input, result, format);
}

std::string join_reports(ReportFormat format, std::span<const std::string> reports) {
  std::string out = format == ReportFormat::json ? "[\n" : "";
  for (size_t i = 0; i < reports.size(); ++i) {
    std::string_view report = reports[i];
    if (i > 0) {
      switch (format) {
        case ReportFormat::markdown:
          out += "\n---\n\n";  // a thematic break before the next "# " title
          break;
        case ReportFormat::json:
          out += ",\n";  // between the elements of one JSON array
          break;
        default:
          out +=
              "\n=============================================================================="
              "\n\n";
      }
    }
    // The JSON array's elements are the single-line documents, without their line ends.
    if (format == ReportFormat::json) report.remove_suffix(1);
    out += report;
  }
  if (format == ReportFormat::json) out += "\n]\n";
  return out;
}

}  // namespace pageaudit
