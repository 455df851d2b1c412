// Browser tests of the HTML report (SPEC 5: "html ... that a browser renders"): headless Chromium
// renders the demo's report, in English and Spanish, to PNG and to PDF and dumps its DOM, and
// renders a report whose goals file, Page name and posts carry markup.
//
// Chromium is $PAGEAUDIT_CHROMIUM, else /usr/bin/chromium. Without it each case is skipped with a
// message, or fails when PAGEAUDIT_REQUIRE_BROWSER=1 (scripts/test.sh sets it, and installs the
// Debian package `chromium`).
//
// The demo's screenshots are kept as artifacts: <build dir>/tests/artifacts/demo_audit_{en,es}.png
// (PAGEAUDIT_ARTIFACTS_DIR, defined for this file in tests/output.cmake).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>

#include "output/browser.h"
#include "support.h"
#include "values.h"

namespace pageaudit {
namespace {

using test::BrowserRun;
using test::console_messages;
using test::count_of;
using test::read_file;
using test::run_pageaudit;
using test::Tag;
using test::tags_of;
using test::TempDir;
using test::write_file;

const std::vector<std::string> k_env = {"PAGEAUDIT_TODAY=2026-11-21",
                                        "PAGEAUDIT_NOW=2026-11-21T08:00:00Z"};

// The browser, or nullopt after telling why the case does not run.
std::optional<std::string> chromium_or_skip() {
  if (auto chromium = test::find_chromium()) return chromium;
  const char* configured = std::getenv("PAGEAUDIT_CHROMIUM");
  const std::string where =
      configured && *configured ? std::string(configured) : std::string("/usr/bin/chromium");
  const char* required = std::getenv("PAGEAUDIT_REQUIRE_BROWSER");
  if (required && std::string(required) == "1") {
    FAIL("no Chromium at " << where
                           << ": install it (apt-get install chromium; scripts/test.sh does) or "
                              "set PAGEAUDIT_CHROMIUM to its path");
  }
  MESSAGE("skipped: no Chromium at " << where
                                     << " (apt-get install chromium, or set PAGEAUDIT_CHROMIUM)");
  return std::nullopt;
}

std::string file_url(const std::string& path) {
  return "file://" + std::filesystem::absolute(path).string();
}

// Runs Chromium in a directory of its own under dir and checks that it ended by itself, well.
BrowserRun render(const std::string& chromium, const TempDir& dir, const std::string& name,
                  const std::vector<std::string>& mode_args, const std::string& html_path) {
  const std::string work = dir.file(name);
  std::filesystem::create_directories(work);
  BrowserRun run = test::run_chromium(chromium, mode_args, file_url(html_path), work);
  CAPTURE(name);
  CAPTURE(run.err);
  CHECK_FALSE(run.timed_out);
  CHECK(run.exit_code == 0);
  return run;
}

// The demo's store and its report in both languages, as files in dir.
struct DemoReports {
  std::string en;
  std::string es;
  std::vector<std::pair<std::string, std::string>> by_language() const {
    return {{"en", en}, {"es", es}};
  }
};
DemoReports demo_reports(const TempDir& dir) {
  const std::string db = dir.file("demo.db");
  REQUIRE(run_pageaudit({"--db", db, "demo"}, k_env).exit_code == 0);
  DemoReports reports{dir.file("demo_audit_en.html"), dir.file("demo_audit_es.html")};
  for (const auto& [lang, path] : reports.by_language()) {
    const auto r = run_pageaudit(
        {"--db", db, "audit", "--format", "html", "--lang", lang, "--output", path}, k_env);
    REQUIRE(r.exit_code == 0);
  }
  return reports;
}

// The text of the serialized DOM: what lies between its tags (character references as written),
// one line per run of text.
std::string text_of(const std::string& dom, const std::vector<Tag>& tags) {
  std::string text;
  for (const Tag& tag : tags) {
    const size_t end = std::min(dom.find('<', tag.text_end), dom.size());
    if (end > tag.text_end) text += dom.substr(tag.text_end, end - tag.text_end) + "\n";
  }
  return text;
}

// What the DOM shows of one chart (<figure class="chart">): its caption, whether it has an
// <svg>, its viewBox height, its data markers (class "pt") with their centres, the number of
// points on each measured line (the M and L commands of a <path class="line">), its whiskers.
struct DomChart {
  std::string caption;
  bool has_svg = false;
  double height = 0;
  size_t points = 0;
  std::vector<std::pair<double, double>> centres;
  std::vector<size_t> line_points;
  size_t whiskers = 0;
};

double number_attribute(const Tag& tag, std::string_view name) {
  return std::strtod(tag.attribute(name).value_or("nan").c_str(), nullptr);
}

// A marker's centre as svg_chart.cpp draws it: a circle's (cx, cy), a 6x6 square's corner + 3,
// a triangle's or diamond's top point ("M x y") 4 above the centre.
std::pair<double, double> marker_centre(const Tag& tag) {
  if (tag.name == "circle") return {number_attribute(tag, "cx"), number_attribute(tag, "cy")};
  if (tag.name == "rect") return {number_attribute(tag, "x") + 3, number_attribute(tag, "y") + 3};
  double x = 0;
  double y = 0;
  std::sscanf(tag.attribute("d").value_or("").c_str(), "M%lf %lf", &x, &y);
  return {x, y + 4};
}

std::vector<DomChart> charts_of(const std::string& dom) {
  std::vector<DomChart> charts;
  const std::vector<Tag> tags = tags_of(dom);
  bool in_chart = false;
  for (const Tag& tag : tags) {
    const std::string cls = tag.attribute("class").value_or("");
    if (tag.name == "figure" && cls == "chart") {
      charts.emplace_back();
      in_chart = true;
      continue;
    }
    if (tag.name == "/figure") in_chart = false;
    if (!in_chart) continue;
    DomChart& chart = charts.back();
    if (tag.name == "figcaption") {
      chart.caption = dom.substr(tag.text_end, dom.find('<', tag.text_end) - tag.text_end);
    } else if (tag.name == "svg") {
      chart.has_svg = true;
      double x = 0, y = 0, width = 0;
      std::sscanf(tag.attribute("viewbox").value_or("").c_str(), "%lf %lf %lf %lf", &x, &y, &width,
                  &chart.height);
    } else if (cls == "pt") {
      ++chart.points;
      chart.centres.push_back(marker_centre(tag));
    } else if (tag.name == "path" && cls == "line") {
      const std::string d = tag.attribute("d").value_or("");
      chart.line_points.push_back(count_of(d, "M") + count_of(d, "L"));
    } else if (tag.name == "g" && cls == "whisker") {
      ++chart.whiskers;
    }
  }
  return charts;
}

// The page's console messages of a run, one a line.
std::string console_of(const BrowserRun& run) {
  std::string text;
  for (const std::string& message : console_messages(run.err)) text += message + "\n";
  return text;
}

void check_png(const std::string& bytes) {
  const auto size = test::png_size(bytes);
  REQUIRE(size);
  CHECK(size->width == 1200);
  CHECK(size->height == 4000);
}

// Without the report's "@page { size: A4 }" Chromium would print on US Letter (612 x 792 points);
// A4 is 210 x 297 mm = 595.28 x 841.89 points, which Chromium rounds to whole CSS pixels
// (594.96 x 841.92).
void check_pdf(const std::string& bytes) {
  CHECK(bytes.rfind("%PDF-", 0) == 0);
  CHECK(count_of(bytes, "/Type /Page") - count_of(bytes, "/Type /Pages") >= 1);
  const auto pages = test::pdf_pages(bytes);
  REQUIRE_FALSE(pages.empty());
  for (const auto& page : pages) {
    CHECK(page.width == doctest::Approx(595.28).epsilon(0.001));
    CHECK(page.height == doctest::Approx(841.89).epsilon(0.001));
  }
}

// The demo's window is 24 October .. 20 November 2026 (four whole weeks ending on Fridays);
// followers: the 28 window days and the day before. Views and engagements: the window's 4 weeks
// each. Impressions (exported 21 November 2024 .. 14 November 2025): the whole weeks ending 29
// November 2024 .. 14 November 2025, 51. Reach (.. 14 June 2026): the weeks ending 29 November
// 2024 .. 19 June 2026, 82. Effort: hours, net new and useful new followers, 4 weeks each.
// Customers: the survey alone, with its interval. The goal table draws no chart.
void check_demo_charts(const std::string& dom, const std::string& lang) {
  const struct {
    const char* caption_en;
    const char* caption_es;
    size_t points;
    std::vector<size_t> line_points;
    size_t whiskers;
  } expected[] = {
      {"Daily followers", "Seguidores por día", 29, {29}, 0},
      {"Views and engagements per week",
       "Visualizaciones e interacciones por semana",
       4 + 4 + 51 + 82,
       {4, 4, 51, 82},
       0},
      {"Effort and growth per week", "Esfuerzo y crecimiento por semana", 12, {4, 4, 4}, 0},
      {"Followers who are customers, by method, with the 95% interval",
       "Seguidores que son clientes, por método, con el intervalo del 95 %",
       1,
       {},
       1},
      {"The goals at a glance", "Las metas de un vistazo", 0, {}, 0},
  };
  const std::vector<DomChart> charts = charts_of(dom);
  REQUIRE(charts.size() == std::size(expected));
  for (size_t i = 0; i < charts.size(); ++i) {
    const DomChart& chart = charts[i];
    CAPTURE(chart.caption);
    CHECK(chart.caption == (lang == "en" ? expected[i].caption_en : expected[i].caption_es));
    CHECK(chart.has_svg == (expected[i].points > 0));
    CHECK(chart.points == expected[i].points);
    CHECK(chart.line_points == expected[i].line_points);
    CHECK(chart.whiskers == expected[i].whiskers);
    // No marker outside the canvas (640 wide, viewBox height tall): none is cut off.
    for (const auto& [x, y] : chart.centres) {
      CHECK((x >= 0 && x <= 640 && y >= 0 && y <= chart.height));
    }
  }
}

// A script that measures the rendered charts: for each <svg> of a <figure class="chart">, a
// console message for each label that overlaps another and each one that the chart's box cuts.
// Appended to a copy of a report (the report itself has no script), with a control chart whose
// labels do both, which proves the measure sees them.
constexpr const char* k_layout_probe = R"(<figure class="chart"><figcaption>control</figcaption>
<svg viewBox="0 0 200 40"><text x="10" y="20">overlapping</text><text x="20" y="22">text</text>
<text x="190" y="30">cut</text></svg></figure>
<script>
for (const svg of document.querySelectorAll('figure.chart svg')) {
  const caption = svg.closest('figure').querySelector('figcaption').textContent;
  const box = svg.getBoundingClientRect();
  const labels = [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBoundingClientRect()]);
  labels.forEach(([a, ra], i) => {
    if (ra.left < box.left || ra.right > box.right || ra.top < box.top || ra.bottom > box.bottom)
      console.error(`${caption}: "${a}" is cut by the chart's edge`);
    for (const [b, rb] of labels.slice(i + 1))
      if (ra.left < rb.right && rb.left < ra.right && ra.top < rb.bottom && rb.top < ra.bottom)
        console.error(`${caption}: "${a}" overlaps "${b}"`);
  });
}
</script>
)";

}  // namespace

TEST_CASE("the console check sees a failing script's console.error and uncaught exception") {
  const auto chromium = chromium_or_skip();
  if (!chromium) return;
  // The negative control: without it, "no console message" below could mean the log is not read.
  TempDir dir;
  const std::string page = dir.file("failing.html");
  write_file(page,
             "<!DOCTYPE html><html><body><p>control</p><script>"
             "console.error('control error'); no_such_function();</script></body></html>\n");
  const BrowserRun run = render(*chromium, dir, "control", {"--dump-dom"}, page);
  CHECK(console_messages(run.err) ==
        std::vector<std::string>{"control error",
                                 "Uncaught ReferenceError: no_such_function is not defined"});
  CHECK(count_of(run.out, "<p>control</p>") == 1);
}

TEST_CASE("console_messages reads the text of Chromium's CONSOLE log lines and nothing else") {
  const std::string log =
      "[5833:5863:1122/133003.066534:ERROR:dbus/bus.cc:405] Failed to connect to the bus\n"
      "[5833:5833:1122/133004.340477:INFO:CONSOLE:1] \"control error\", source: file:///t.html "
      "(1)\n"
      "[5833:5833:1122/133004.340501:INFO:CONSOLE(7)] \"a \"quoted\" word\", source:  (7)\n"
      "an unrelated line with :CONSOLE in it\n";
  CHECK(console_messages(log) == std::vector<std::string>{"control error", "a \"quoted\" word"});
  CHECK(console_messages("").empty());
}

TEST_CASE(
    "the demo's report renders in Chromium, in English and Spanish, to a 1200x4000 PNG, to A4 PDF "
    "pages and to a DOM where every chart draws its data, without a console message") {
  const auto chromium = chromium_or_skip();
  if (!chromium) return;
  TempDir dir;
  const DemoReports reports = demo_reports(dir);
  std::filesystem::create_directories(PAGEAUDIT_ARTIFACTS_DIR);
  for (const auto& [lang, html] : reports.by_language()) {
    CAPTURE(lang);
    // One run writes the screenshot, the PDF and the DOM.
    const std::string png = dir.file(lang + ".png");
    const std::string pdf = dir.file(lang + ".pdf");
    const BrowserRun run = render(*chromium, dir, lang,
                                  {"--window-size=1200,4000", "--screenshot=" + png,
                                   "--print-to-pdf=" + pdf, "--no-pdf-header-footer", "--dump-dom"},
                                  html);
    CHECK(console_of(run) == "");
    check_png(read_file(png));
    std::filesystem::copy_file(
        png, std::string(PAGEAUDIT_ARTIFACTS_DIR) + "/demo_audit_" + lang + ".png",
        std::filesystem::copy_options::overwrite_existing);
    check_pdf(read_file(pdf));
    check_demo_charts(run.out, lang);
  }
}

// This test found the time axis labelling every month start over two years (svg_chart.cpp
// day_ticks): the labels overlapped one another and the value axis' lowest label.
TEST_CASE("the labels of the demo's charts neither overlap nor cross a chart's edge in Chromium") {
  const auto chromium = chromium_or_skip();
  if (!chromium) return;
  TempDir dir;
  const DemoReports reports = demo_reports(dir);
  for (const auto& [lang, html] : reports.by_language()) {
    CAPTURE(lang);
    std::string page = read_file(html);
    const size_t body_end = page.rfind("</body>");
    REQUIRE(body_end != std::string::npos);
    page.insert(body_end, k_layout_probe);
    const std::string probe = dir.file(lang + "-probe.html");
    write_file(probe, page);
    const BrowserRun run = render(*chromium, dir, lang + "-probe", {"--dump-dom"}, probe);
    // The control chart comes last, and so do its messages.
    const std::string control =
        "control: \"overlapping\" overlaps \"text\"\ncontrol: \"cut\" is cut by the chart's edge\n";
    const std::string messages = console_of(run);
    REQUIRE(messages.size() >= control.size());
    CHECK(messages.substr(messages.size() - control.size()) == control);
    CHECK(messages.substr(0, messages.size() - control.size()) == "");
  }
}

TEST_CASE(
    "markup in the goals file, the Page's name and the posts shows as text in Chromium and none "
    "of it runs") {
  const auto chromium = chromium_or_skip();
  if (!chromium) return;
  TempDir dir;
  const std::string db = dir.file("demo.db");
  REQUIRE(run_pageaudit({"--db", db, "demo"}, k_env).exit_code == 0);
  // Each payload would log to the console if the browser ran it, and would leave an element in
  // the DOM if it parsed as markup. Post messages are not in the report today; they carry one in
  // case they ever are. `serialized` is how Chromium writes the string as a text node: & < >
  // as character references, quotes as they are.
  const struct {
    const char* field;
    const char* payload;
    const char* serialized;
  } cases[] = {
      {"business.name", "<script>console.error('xss')</script>",
       "&lt;script&gt;console.error('xss')&lt;/script&gt;"},
      {"page name", "\"><img src=x onerror=console.error('xss')>",
       "\"&gt;&lt;img src=x onerror=console.error('xss')&gt;"},
      {"goal id", "</style><svg onload=console.error('xss')>",
       "&lt;/style&gt;&lt;svg onload=console.error('xss')&gt;"},
      {"goal why", "<iframe srcdoc=\"<script>console.error('xss')</script>\"></iframe>",
       "&lt;iframe srcdoc=\"&lt;script&gt;console.error('xss')&lt;/script&gt;\"&gt;&lt;/"
       "iframe&gt;"},
      {"business.currency", "&lt;b onclick=x&gt;EUR", "&amp;lt;b onclick=x&amp;gt;EUR"},
  };
  std::map<std::string, std::string> payload;
  for (const auto& c : cases) payload[c.field] = c.payload;
  // A TOML basic string: backslashes and double quotes escaped.
  const auto toml = [](const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    return out + "\"";
  };
  const std::string goals = dir.file("goals.toml");
  write_file(goals, "page = \"100064197037125\"\nlanguage = \"en\"\n[business]\nname = " +
                        toml(payload["business.name"]) +
                        "\ncustomers = 1800\nhourly_cost = 9.5\ncurrency = " +
                        toml(payload["business.currency"]) +
                        "\n[effort]\nhours_per_day = 2.0\n[audience]\nstated_target_share = 0.33\n"
                        "[survey]\nasked = 120\nfollow = 34\n[[goal]]\nid = " +
                        toml(payload["goal id"]) +
                        "\nobjective = \"grow_audience\"\nmetric = \"followers\"\n"
                        "at_least = 15000\nby = \"2026-12-31\"\nwhy = " +
                        toml(payload["goal why"]) + "\n");
  // An SQL string literal: single quotes doubled.
  const auto sql = [](const std::string& text) {
    std::string out = "'";
    for (const char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
  };
  test::exec(
      db, "UPDATE pages SET name = " + sql(payload["page name"]) +
              "; UPDATE posts SET message = " + sql("<img src=x onerror=console.error('post')>") +
              ", title = " + sql("<script>console.error('post')</script>"));
  const std::string html = dir.file("report.html");
  const auto audit = run_pageaudit(
      {"--db", db, "audit", "--goals", goals, "--format", "html", "--output", html}, k_env);
  REQUIRE(audit.exit_code == 0);

  const BrowserRun run = render(*chromium, dir, "dom", {"--dump-dom"}, html);
  CHECK(console_of(run) == "");
  const std::vector<Tag> tags = tags_of(run.out);
  const std::string text = text_of(run.out, tags);
  for (const auto& c : cases) {
    CAPTURE(c.field);
    CHECK(count_of(text, c.serialized) >= 1);
  }
  // The report's own elements only: one stylesheet, the four charts' SVG, no handler attribute.
  std::map<std::string, size_t> elements;
  std::vector<std::string> handlers;
  for (const Tag& tag : tags) {
    ++elements[tag.name];
    for (const auto& attribute : tag.attributes) {
      if (attribute.first.rfind("on", 0) == 0) handlers.push_back(tag.name + " " + attribute.first);
    }
  }
  CHECK(handlers.empty());
  CHECK(elements["style"] == 1);
  CHECK(elements["svg"] == 4);
  for (const char* name : {"script", "img", "iframe", "b"}) {
    CAPTURE(name);
    CHECK(elements[name] == 0);
  }
}

}  // namespace pageaudit
