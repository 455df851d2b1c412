// Tests for output/text_report: the consultant's report in text and Markdown, English and Spanish.
#include <doctest/doctest.h>

#include <sstream>

#include "audit/spec_example.h"
#include "pageaudit/output/text_report.h"
#include "values.h"

namespace pageaudit {
namespace {

using test::contains;
using test::day;

std::string report_of(const AuditInput& input, ReportFormat format = ReportFormat::text) {
  return render_report(input, run_audit(input), format);
}

// The SPEC's café (spec_example.h), figures worked out by hand:
//   net change 9874 - 9564 = 310; trend exactly 11 a day; 28 days x 2 h = 56 h; x 9.5 = 532.00
//   survey 34/120 = 28.3%, x 1800 = 510 customer followers = 5.2% of 9874; Wilson 95%:
//   0.210407 .. 0.369703, x 1800 / 9874 = 3.8% .. 6.7%, x 9874 = 379 .. 665 people
//   useful 9874 x 0.33 = 3258.42 -> 3,258; 56 / 3258 = 0.0172 h; 532 / 3258 = 0.163 EUR;
//   56 / (0.33 x 310) = 0.547 h
//   goal: 9874 + 11 x 41 days = 10,325 on 31 December; (15000 - 9874) / 41 = 125.02 a day;
//   5126 / 11 = 466 days after 2026-11-20: 29 February 2028
const char* const k_spec_text = R"(Audit of Café La Esquina
========================
Facebook Page 100064197037125 · as of 20 November 2026 · the last 28 days, 24 October 2026 to 20
November 2026

Where we are
------------
  Followers               9,874
  Net change in 28 days   +310
  Trend                   +11 a day
  Views in 28 days        no value: no data for the window's days
  Viewers                 no value: Meta counts viewers per period, and the store has no 28-day
                          count ending on the audit day
  Engagements in 28 days  no value: no data for the window's days
  Page visits in 28 days  no value: no data for the window's days
  Posts in 28 days        no value: no post data (import a content export or run pageaudit pull)
  Comments in 28 days     no value: no comment data (comments come from pageaudit pull)

What the effort costs
---------------------
  Hours in 28 days               56
                                 stated: 2 hours a day (no time log covers these days)
  Cost in 28 days                532.00 EUR
                                 at 9.50 EUR an hour
  Hours per useful follower      0.0172
  Cost per useful follower       0.163 EUR
  Hours per new useful follower  0.547

Who the followers are
---------------------
  Customers who follow  510 (5.2% of followers)
                        survey: 34 of the 120 customers asked follow the Page (28.3%), applied to
                        1,800 customers (business.customers)
                        95% interval: 3.8% to 6.7% of followers (379 to 665 people)
  Useful followers      3,258 (33% of followers)
                        stated: the owner's estimate (audience.stated_target_share); import Meta's
                        Audience export to measure it

Goals
-----
followers-15k: followers at least 15,000, by 31 December 2026
  Status            behind
  Current           9,874
  Projected         10,325 on 31 December 2026
  Required per day  +125 a day
  Projected date    29 February 2028
                    when the window's trend reaches 15,000
  Objective         grow the audience
  Why               the owner wants a bigger community
  Questions         vanity-round-target (see below)

Questions the goals raise
-------------------------
- [vanity-round-target] goal "followers-15k": 15,000 followers is a round number. Does anyone care
  if the Page reaches 15,000? Is 15,000 worth more to you or your customers than 14,999? If you
  reach it, what is the direct effect on the business?
- [no-business-goal] no goal measures customers, useful followers, replies or a business outcome:
  how will you know whether the Page helps the business?
- [effort-unbounded] 56 hours went into the Page in the last 28 days, but no goal bounds the hours
  or the cost per useful follower

Data quality
------------
No notes: the figures rest on complete, current data.
)";

TEST_CASE("the text report of the SPEC's café, answers first, then goals, questions and data") {
  CHECK(report_of(test::spec_example()) == k_spec_text);
}

TEST_CASE("the Spanish report writes numbers, percents and dates the Spanish way") {
  AuditInput in = test::spec_example();
  in.language = Language::es;
  const std::string text = report_of(in);
  for (const char* line : {
           "Auditoría de Café La Esquina\n",
           "Página de Facebook 100064197037125 · a 20 de noviembre de 2026 · los últimos 28 días, "
           "del 24 de\noctubre de 2026 al 20 de noviembre de 2026\n",
           "  Seguidores                      9.874\n",
           "  Tendencia                       +11 al día\n",
           "  Coste en 28 días               532,00 EUR\n",
           "  Horas por seguidor útil        0,0172\n",
           "  Clientes que siguen la Página  510 (5,2 % de los seguidores)\n",
           "followers-15k: followers al menos 15.000, para el 31 de diciembre de 2026\n",
           "  Estado            con retraso\n",
           "  Previsto          10.325 el 31 de diciembre de 2026\n",
           "  Fecha prevista    29 de febrero de 2028\n",
           "Sin observaciones: las cifras se apoyan en datos completos y recientes.\n",
       }) {
    CAPTURE(line);
    CHECK(contains(text, line));
  }
}

TEST_CASE("a window figure with part of the window says how many days it rests on") {
  // Views on the last 16 of the 28 days, 100 each; engagements on the last 10, 5 each: the rate
  // is 50 / 1000 over those 10 days.
  AuditInput in = test::spec_example();
  in.language = Language::es;
  for (int i = 12; i < 28; ++i) in.views[day("2026-10-24") + i] = 100;
  for (int i = 18; i < 28; ++i) in.engagements[day("2026-10-24") + i] = 5;
  const std::string text = report_of(in);
  for (const char* line : {
           "Visualizaciones en 28 días      1.600\n"
           "                                  datos de 16 de los 28 días\n",
           "Interacciones en 28 días        50 (5 % de las visualizaciones)\n"
           "                                  datos de 10 de los 28 días\n",
           "algunas cifras cubren solo parte del periodo de 28 días",
           "Visualizaciones,\n  16 de 28 días; Interacciones, 10 de 28 días; Tasa de interacción, "
           "10 de 28 días\n",
       }) {
    CAPTURE(line);
    CHECK(contains(text, line));
  }
}

TEST_CASE("the Markdown report has the same content, with headings and lists") {
  const std::string md = report_of(test::spec_example(), ReportFormat::markdown);
  for (const char* part : {
           "# Audit of Café La Esquina\n\nFacebook Page 100064197037125 · as of 20 November 2026 · "
           "the last 28 days, 24 October 2026 to 20 November 2026\n\n## Where we are\n\n"
           "- **Followers:** 9,874\n- **Net change in 28 days:** +310\n",
           "- **Customers who follow:** 510 (5.2% of followers)\n  - survey: 34 of the 120 "
           "customers asked follow the Page (28.3%), applied to 1,800 customers "
           "(business.customers)\n",
           "### followers-15k: followers at least 15,000, by 31 December 2026\n\n- **Status:** "
           "behind\n",
           "- **no-business-goal**: no goal measures customers",
           "## Data quality\n\nNo notes: the figures rest on complete, current data.\n",
       }) {
    CAPTURE(part);
    CHECK(contains(md, part));
  }
}

TEST_CASE("Markdown escapes what came from files, an underscore inside a word stays") {
  AuditInput in = test::spec_example();
  in.page_name = "*Café* <b>|#1|</b> [x]_y_";
  in.goals.goals[0].why = "stated_target_share *now*";
  const std::string md = report_of(in, ReportFormat::markdown);
  CHECK(contains(md, "# Audit of \\*Café\\* \\<b\\>\\|\\#1\\|\\</b\\> \\[x\\]\\_y\\_\n"));
  CHECK(contains(md, "- **Why:** stated_target_share \\*now\\*\n"));
}

TEST_CASE("text lines wrap at 100 columns") {
  AuditInput in = test::spec_example();
  in.goals.goals[0].why =
      std::string(30, 'w') + " " + std::string(40, 'x') + " " + std::string(40, 'y');
  std::istringstream lines(report_of(in));
  std::string line;
  while (std::getline(lines, line)) {
    size_t width = 0;
    for (char c : line) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    CAPTURE(line);
    CHECK(width <= 100);
  }
  CHECK(contains(report_of(in), "  Why               " + std::string(30, 'w') + " " +
                                    std::string(40, 'x') + "\n                    " +
                                    std::string(40, 'y') + "\n"));
}

TEST_CASE("the reply line gives the median wait and the share answered, in both languages") {
  AuditInput in = test::spec_example();
  // Waits of 2, 5.5 and 9 hours answered, 30 and 40 unanswered (to the end of the audit day):
  // median 9; 3 of 5 answered, 60%.
  in.comments = 7;
  in.reply_waits = {{2, true}, {30, false}, {5.5, true}, {40, false}, {9, true}};
  CHECK(contains(
      report_of(in),
      "  Reply time                       median 9 hours; 3 of 5 comments answered (60%)\n"));
  in.language = Language::es;
  CHECK(contains(report_of(in), "mediana de 9 horas; 3 de 5 comentarios con respuesta (60 %)"));
  // One comment, waiting 5.5 hours unanswered.
  in.reply_waits = {{5.5, false}};
  CHECK(contains(report_of(in), "mediana de 5,5 horas; 0 de 1 comentario con respuesta (0 %)"));
  in.language = Language::en;
  CHECK(contains(report_of(in), "median 5.5 hours; 0 of 1 comment answered (0%)"));
  // Comments, but only replies to other comments: no wait to give.
  in.reply_waits.clear();
  CHECK(contains(report_of(in), "no value: no visitor wrote a comment of their own in the window"));
}

TEST_CASE("an on-track goal whose trend's interval reaches below the bound says so") {
  // The numbers of test_json_report.cpp: projected 10,234, 10,126 at the low end, bound 10,200.
  AuditInput in = test::spec_example();
  in.followers[day("2026-10-24")] += 300;
  in.goals.goals[0].bound.value = 10200;
  CHECK(contains(report_of(in),
                 "  Projected         10,234 on 31 December 2026\n"
                 "                    uncertain: at the low end of the trend's 95% interval it "
                 "would reach 10,126,\n                    short of 10,200\n"));
  in.language = Language::es;
  CHECK(contains(report_of(in), "incierto: en el extremo bajo del intervalo del 95 % de la"));
}

TEST_CASE("figures without a value say why, never inf or NaN") {
  AuditInput in = test::spec_example();
  in.followers.clear();
  in.goals.business.hourly_cost.reset();
  in.goals.goals[0].metric = "reply_hours";
  in.goals.goals[0].bound = Bound{Bound::Kind::at_most, 4};
  const std::string text = report_of(in);
  for (const char* line : {
           "  Followers               no value: no follower count on the audit day\n",
           "  Net change in 28 days   no value: the follower count at the start or the end of the "
           "window is\n",
           "  Cost in 28 days                no value: no business.hourly_cost\n",
           "  Hours per useful follower      no value: no follower count on the audit day\n",
           "  Status     no data\n",
           "  Current    no value: no comment data (comments come from pageaudit pull)\n",
       }) {
    CAPTURE(line);
    CHECK(contains(text, line));
  }
  for (const char* bad : {"inf", "nan", "NaN"}) CHECK_FALSE(contains(text, bad));

  // No useful follower at all: per-follower figures are null with a reason, not a division by 0.
  in = test::spec_example();
  in.goals.audience.stated_target_share = 0;
  const std::string zero = report_of(in);
  CHECK(contains(
      zero, "  Hours per useful follower      no value: no follower fits the target profile\n"));
  CHECK_FALSE(contains(zero, "inf"));
}

TEST_CASE("a time log with gaps says how many days the stated hours cover") {
  AuditInput in = test::spec_example();
  in.time_log[day("2026-11-20")] = 3;
  in.time_log[day("2026-11-19")] = 1.5;
  // 2 logged days (4.5 h) + 26 stated days x 2 h = 56.5 h
  const std::string text = report_of(in);
  CHECK(contains(text,
                 "  Hours in 28 days               56.5\n"
                 "                                 time log on 2 days; 2 hours a day stated "
                 "for the other 26\n"));
}

TEST_CASE("with no goals the report says how to load them") {
  AuditInput in = test::spec_example();
  in.goals.goals.clear();
  const std::string text = report_of(in);
  CHECK(contains(text,
                 "Goals\n-----\nNo goals are loaded for this Page. Write a goals file "
                 "(samples/goals.toml is an example) and run:\npageaudit audit --goals FILE\n"));
  CHECK(contains(text, "- [no-business-goal] "));
}

TEST_CASE("customer estimates beyond the headline are listed with their method and bias") {
  AuditInput in = test::spec_example();
  in.goals.audience.stated_customer_share = 0.1;
  in.customer_hashes = std::make_shared<const CustomerHashes>(CustomerHashes{"h1", "h2"});
  for (int i = 0; i < 40; ++i) {
    in.commenters.push_back({"person" + std::to_string(i), {i < 4 ? "h1" : "other"}});
  }
  const std::string text = report_of(in);
  // match: 4 of 40 = 10% -> 987 followers (0.1 x 9874 = 987.4); stated: 10% -> 987
  CHECK(contains(text,
                 "                        also 987 (10% of followers) by match\n"
                 "                        match: 4 of the 40 people who commented in the "
                 "window are on the customer\n"
                 "                        list\n"));
  CHECK(contains(text,
                 "                        biased: people who comment are not a random sample "
                 "of the followers\n"));
  CHECK(contains(text,
                 "                        also 987 (10% of followers) by the owner's estimate\n"
                 "                        stated: the owner's estimate "
                 "(audience.stated_customer_share)\n"));
}

}  // namespace
}  // namespace pageaudit
