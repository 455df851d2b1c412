// Tests for output/report_format: format names and extensions, one render entry, joined reports.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "audit/spec_example.h"
#include "pageaudit/output/html_report.h"
#include "pageaudit/output/json_report.h"
#include "pageaudit/output/report_format.h"
#include "pageaudit/output/text_report.h"

namespace pageaudit {
namespace {

TEST_CASE("each format's name parses back to it, and nothing else parses") {
  for (ReportFormat f :
       {ReportFormat::text, ReportFormat::markdown, ReportFormat::json, ReportFormat::html}) {
    CHECK(parse_report_format(report_format_name(f)) == f);
  }
  CHECK(report_format_name(ReportFormat::markdown) == "markdown");
  for (const char* bad : {"", "Text", "md", "htm", "pdf", " json"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_report_format(bad));
  }
}

TEST_CASE("a file name's extension suggests a format, in any case") {
  struct Case {
    const char* path;
    std::optional<ReportFormat> format;
  };
  const Case cases[] = {
      {"report.txt", ReportFormat::text},
      {"out/r.md", ReportFormat::markdown},
      {"r.MARKDOWN", ReportFormat::markdown},
      {"r.Json", ReportFormat::json},
      {"a.b/report.html", ReportFormat::html},
      {"report.htm", ReportFormat::html},
      {"report", std::nullopt},
      {"a.b/report", std::nullopt},
      {"report.pdf", std::nullopt},
      {"report.", std::nullopt},
  };
  for (const Case& c : cases) {
    CAPTURE(c.path);
    CHECK(report_format_from_extension(c.path) == c.format);
  }
}

TEST_CASE("render_report writes each format with its renderer, ending with a newline") {
  const AuditInput input = test::spec_example();
  const AuditResult result = run_audit(input);
  const std::string json = render_json(result);
  CHECK(render_report(input, result, ReportFormat::json) == json + "\n");
  CHECK(render_report(input, result, ReportFormat::json, "{\"given\":1}") == "{\"given\":1}\n");
  CHECK(render_report(input, result, ReportFormat::html) == render_html(input, result));
  CHECK(render_report(input, result, ReportFormat::text) ==
        render_text_report(input, result, ReportFormat::text));
  CHECK(render_report(input, result, ReportFormat::markdown) ==
        render_text_report(input, result, ReportFormat::markdown));
}

TEST_CASE("joined reports: a rule between text ones, a break between markdown ones, a json array") {
  const std::vector<std::string> two{"one\n", "two\n"};
  CHECK(join_reports(ReportFormat::text, two) == "one\n\n" + std::string(78, '=') + "\n\ntwo\n");
  CHECK(join_reports(ReportFormat::markdown, two) == "one\n\n---\n\ntwo\n");
  CHECK(join_reports(ReportFormat::json, std::vector<std::string>{"{\"a\":1}\n", "{\"b\":2}\n"}) ==
        "[\n{\"a\":1},\n{\"b\":2}\n]\n");
  CHECK(join_reports(ReportFormat::json, std::vector<std::string>{}) == "[\n\n]\n");
  CHECK(join_reports(ReportFormat::text, std::vector<std::string>{"only\n"}) == "only\n");
}

}  // namespace
}  // namespace pageaudit
