// Tests for output/html_report: the self-contained HTML report, its charts, its escaping and the
// demo's report against a golden file.
#include <doctest/doctest.h>

#include <cstdlib>

#include "audit/spec_example.h"
#include "pageaudit/output/html_report.h"
#include "support.h"
#include "values.h"

namespace pageaudit {
namespace {

using test::contains;
using test::count_of;
using test::day;
using test::read_file;
using test::run_pageaudit;
using test::TempDir;
using test::write_file;

std::string html_of(const AuditInput& input) {
  return render_html(input, run_audit(input));
}

// The charts of a report, in order: each <figure class="chart"> ... </figure>.
std::vector<std::string> charts_of(const std::string& html) {
  std::vector<std::string> charts;
  const std::string open = "<figure class=\"chart\">";
  for (size_t at = html.find(open); at != std::string::npos; at = html.find(open, at + 1)) {
    charts.push_back(html.substr(at, html.find("</figure>", at) - at));
  }
  return charts;
}

// The SPEC's café with a week's worth of everything the charts draw, over the 28-day window
// (2026-10-24 .. 2026-11-20, four whole weeks ending on 30 October, 6, 13 and 20 November):
// 100 views and 7 engagements a day, and a stated customer share next to the survey.
AuditInput chart_example() {
  AuditInput in = test::spec_example();
  for (int i = 0; i < 28; ++i) {
    in.views[day("2026-10-24") + i] = 100;
    in.engagements[day("2026-10-24") + i] = 7;
  }
  in.goals.audience.stated_customer_share = 0.1;
  return in;
}

}  // namespace

TEST_CASE("html_escape replaces the five characters that can open markup") {
  const struct {
    const char* in;
    const char* out;
  } cases[] = {
      {"Café La Esquina", "Café La Esquina"},
      {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"\"><img src=x onerror=alert(1)>", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"},
      {"' onmouseover='x", "&#39; onmouseover=&#39;x"},
      {"</style>", "&lt;/style&gt;"},
      {"&amp;", "&amp;amp;"},
      {"", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.in);
    CHECK(html_escape(c.in) == c.out);
  }
}

TEST_CASE(
    "the HTML report names the business and the Page, then the sections in the text "
    "report's order") {
  AuditInput in = chart_example();
  in.goals.business.name = "Cafetería La Esquina S.L.";
  const struct {
    Language lang;
    const char* lang_attr;
    std::vector<std::string> in_order;
  } cases[] = {
      {Language::en,
       "<html lang=\"en\">",
       {"<p class=\"business\">Cafetería La Esquina S.L.</p>", "<h1>Audit of Café La Esquina</h1>",
        "Facebook Page 100064197037125", "<h2>Where we are</h2>", "Daily followers",
        "<h2>What the effort costs</h2>", "<h2>Who the followers are</h2>", "<h2>Goals</h2>",
        "The goals at a glance", "<h2>Questions the goals raise</h2>", "<h2>Data quality</h2>"}},
      {Language::es,
       "<html lang=\"es\">",
       {"<p class=\"business\">Cafetería La Esquina S.L.</p>",
        "<h1>Auditoría de Café La Esquina</h1>", "Página de Facebook 100064197037125",
        "<h2>Dónde estamos</h2>", "Seguidores por día", "<h2>Lo que cuesta el esfuerzo</h2>",
        "<h2>Quiénes son los seguidores</h2>", "<h2>Metas</h2>", "Las metas de un vistazo",
        "<h2>Preguntas que plantean las metas</h2>", "<h2>Calidad de los datos</h2>"}},
  };
  for (const auto& c : cases) {
    CAPTURE(language_code(c.lang));
    in.language = c.lang;
    const std::string html = html_of(in);
    CHECK(html.rfind("<!DOCTYPE html>\n", 0) == 0);
    CHECK(contains(html, c.lang_attr));
    CHECK(html.substr(html.size() - 8) == "</html>\n");
    size_t at = 0;
    for (const std::string& part : c.in_order) {
      CAPTURE(part);
      const size_t found = html.find(part, at);
      REQUIRE(found != std::string::npos);
      at = found + part.size();
    }
  }
}

TEST_CASE("the Spanish HTML report writes numbers and dates the Spanish way") {
  AuditInput in = chart_example();
  in.language = Language::es;
  const std::string html = html_of(in);
  // 9874 followers; 56 h / 3258 useful = 0.0172 h; 20 November 2026; the goal's 15,000 and its
  // status "behind" (10,325 projected on 31 December); 33 % useful share.
  for (const char* part : {"9.874", "0,0172", "20 de noviembre de 2026", "15.000", "con retraso",
                           "10.325", "33 %", "meta followers-15k: 15.000"}) {
    CAPTURE(part);
    CHECK(contains(html, part));
  }
  CHECK_FALSE(contains(html, "9,874"));
  CHECK_FALSE(contains(html, "November"));
}

TEST_CASE("each chart of the HTML report draws one point per value of its series") {
  const std::string html = html_of(chart_example());
  const std::vector<std::string> charts = charts_of(html);
  REQUIRE(charts.size() == 5);
  // Followers: 28 window days and the day before the window; one goal line, one trend.
  CHECK(contains(charts[0], "Daily followers"));
  CHECK(count_of(charts[0], "class=\"pt\"") == 29);
  CHECK(count_of(charts[0], "class=\"rule\"") == 1);
  CHECK(count_of(charts[0], "class=\"line projection\"") == 1);
  CHECK(contains(charts[0], "trend of followers-15k to 31 December 2026"));
  // Views and engagements: four weeks each, 700 views and 49 engagements a week.
  CHECK(contains(charts[1], "Views and engagements per week"));
  CHECK(count_of(charts[1], "class=\"pt\"") == 8);
  CHECK(contains(charts[1], "<title>20 November 2026: 700</title>"));
  CHECK(contains(charts[1], "<title>30 October 2026: 49</title>"));
  CHECK(count_of(charts[1], "class=\"break\"") == 0);  // both breaks are before the window
  // Effort: hours (14 a week), net new followers (77 a week), useful ones (0.33 x 77 = 25.41).
  CHECK(count_of(charts[2], "class=\"pt\"") == 12);
  CHECK(contains(charts[2], "<title>6 November 2026: 14</title>"));
  CHECK(contains(charts[2], "<title>6 November 2026: 77</title>"));
  CHECK(contains(charts[2], "<title>6 November 2026: 25.41</title>"));
  // Customers: survey 510 (379 .. 665) and stated 0.1 x 9874 = 987, which has no interval.
  CHECK(count_of(charts[3], "class=\"pt\"") == 2);
  CHECK(count_of(charts[3], "class=\"whisker\"") == 1);
  CHECK(contains(charts[3], "<title>survey: 510</title>"));
  CHECK(contains(charts[3], "<title>the owner&#39;s estimate: 987</title>"));
  // The goal table: one row, behind.
  CHECK(count_of(charts[4], "<td class=\"status status-behind\">! behind</td>") == 1);
}

TEST_CASE("the HTML report marks Meta's series breaks that fall inside its views chart") {
  AuditInput in = chart_example();
  // Impressions from 1 to 14 November 2025: 371 days (53 weeks) before the audit day, 14
  // November ends a week, so two whole weeks of 10 a day.
  for (int i = 0; i < 14; ++i) in.impressions[day("2025-11-01") + i] = 10;
  const std::vector<std::string> charts = charts_of(html_of(in));
  REQUIRE(charts.size() == 5);
  CHECK(count_of(charts[1], "class=\"pt\"") == 10);
  CHECK(contains(charts[1], "<title>14 November 2025: 70</title>"));
  CHECK(count_of(charts[1], "class=\"break\"") == 2);
  CHECK(contains(charts[1], "impressions → views"));
  CHECK(contains(charts[1], "reach → viewers"));
}

TEST_CASE("a chart without data says so instead of drawing an empty plot") {
  AuditInput in = test::spec_example();
  in.followers.clear();
  const std::vector<std::string> charts = charts_of(html_of(in));
  REQUIRE_FALSE(charts.empty());
  CHECK(contains(charts[0], "<p>No data to draw.</p>"));
  CHECK(count_of(charts[0], "class=\"pt\"") == 0);
}

TEST_CASE("what comes from the goals file is escaped everywhere the HTML report shows it") {
  const char* injections[] = {"<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
                              "' onmouseover='x", "</style>", "&amp;"};
  for (const char* injection : injections) {
    CAPTURE(injection);
    AuditInput in = chart_example();
    in.goals.business.name = injection;
    in.page_name = injection;
    in.goals.goals.front().id = std::string("g") + injection;
    in.goals.goals.front().why = injection;
    const std::string html = html_of(in);
    const std::string escaped = html_escape(injection);
    // Business name, title, h1, goal heading, table row, chart label, why, lint message.
    CHECK(count_of(html, escaped) >= 8);
    CHECK_FALSE(contains(html, "<script"));
    CHECK_FALSE(contains(html, "<img"));
    CHECK_FALSE(contains(html, "' onmouseover"));
    CHECK(count_of(html, "</style>") == 1);  // the stylesheet's own
    if (std::string(injection) == "&amp;") CHECK(contains(html, "&amp;amp;"));
  }
}

TEST_CASE("the HTML report loads nothing: no script, no link, no remote resource") {
  AuditInput in = chart_example();
  for (Language lang : {Language::en, Language::es}) {
    in.language = lang;
    const std::string html = html_of(in);
    for (const char* part :
         {"http://", "https://", "<script", "<link", "@import", "url(", "src="}) {
      CAPTURE(part);
      CHECK_FALSE(contains(html, part));
    }
    CHECK(contains(html, "@media print"));
    CHECK(contains(html, "size: A4"));
    CHECK(contains(html, "break-inside: avoid"));
  }
}

TEST_CASE(
    "golden: the demo's audit as HTML, in Spanish and English, written to stdout and to "
    "--output") {
  TempDir dir;
  const std::string db = dir.file("demo.db");
  const std::vector<std::string> env = {"PAGEAUDIT_TODAY=2026-11-21",
                                        "PAGEAUDIT_NOW=2026-11-21T08:00:00Z"};
  REQUIRE(run_pageaudit({"--db", db, "demo"}, env).exit_code == 0);
  // The demo's goals file says Spanish; --lang en overrides it.
  const struct {
    const char* golden;
    std::vector<std::string> lang_args;
  } cases[] = {{"demo_audit_es.html", {}}, {"demo_audit_en.html", {"--lang", "en"}}};
  for (const auto& c : cases) {
    CAPTURE(c.golden);
    std::vector<std::string> args = {"--db", db, "audit", "--format", "html"};
    args.insert(args.end(), c.lang_args.begin(), c.lang_args.end());
    const auto r = run_pageaudit(args, env);
    CHECK(r.exit_code == 0);
    CHECK(r.err == "");
    const std::string& actual = r.out;
    const std::string path = std::string(PAGEAUDIT_TESTS_DIR) + "/golden/" + c.golden;
    if (const char* update = std::getenv("PAGEAUDIT_UPDATE_GOLDEN");
        update && std::string(update) == "1") {
      write_file(path, actual);
      MESSAGE("updated " << path);
    } else {
      CAPTURE(path);
      CHECK(read_file(path) == actual);
    }
    CHECK(charts_of(actual).size() == 5);

    const std::string file = dir.file("report.html");
    args.insert(args.end(), {"--output", file});
    const auto written = run_pageaudit(args, env);
    CHECK(written.exit_code == 0);
    CHECK(read_file(file) == actual);
  }
}

}  // namespace pageaudit
