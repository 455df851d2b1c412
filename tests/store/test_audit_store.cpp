// Tests for store/audit_store: the audit's input read from a small store built by hand, the
// customer/time/outcome writers, goals kept and read back, and the audit history.
#include <doctest/doctest.h>

#include "pageaudit/store/audit_store.h"
#include "pageaudit/store/store.h"
#include "support.h"
#include "values.h"

namespace pageaudit {
namespace {

using test::day;
using test::query;

// A store on disk with one run, Page P ("Café") and Page Q (no data).
class Fixture {
 public:
  Fixture() : m_path(m_dir.file("s.db")) {
    auto store = Store::open(m_path, StoreOptions{});
    REQUIRE(store);
    m_store = std::move(*store);
    exec(
        "INSERT INTO import_runs(run_id, command, started_at, status) VALUES (1, 'import', 't', "
        "'ok');"
        "INSERT INTO pages(page_id, name, source, updated_at) VALUES ('P', 'Café', 's', 't'), "
        "('Q', NULL, 's', 't');");
  }
  void exec(const std::string& sql) { REQUIRE(m_store->db().exec(sql)); }
  void metric(const char* metric, const char* period, const char* date, const char* value,
              const char* page = "P", const char* source = "s") {
    exec(
        fmt::format("INSERT INTO page_metrics(page_id, metric, period, date, value, source, as_of, "
                    "run_id) VALUES ('{}', '{}', '{}', '{}', {}, '{}', '2026-03-10', 1)",
                    page, metric, period, date, value, source));
  }
  Database& db() { return m_store->db(); }
  // Saves toml, a goals file named source, as page's goals.
  void save(const char* page, const std::string& toml, const std::string& source) {
    auto goals = parse_goals(toml, source);
    REQUIRE(goals);
    REQUIRE(save_goals(db(), page, *goals, toml, source));
  }
  const std::string& path() const { return m_path; }

  // Visitors' and the Page's comments on post 'p' of Page P, each row "id, parent, created_time,
  // author hash, author name hash, from_page".
  void comments(std::initializer_list<const char*> rows) {
    for (const char* row : rows) {
      exec(std::string("INSERT INTO comments(comment_id, parent_id, created_time, author_hash, "
                       "author_name_hash, from_page, post_id, page_id, source, as_of, run_id) "
                       "VALUES (") +
           row + ", 'p', 'P', 'graph', '2026-03-10', 1)");
    }
  }

  // As of 2026-03-03 over 5 days: the window is 2026-02-27 .. 2026-03-03, across February's end.
  AuditInput load(int window_days = 5, const char* page = "P", const char* as_of = "2026-03-03") {
    AuditScope scope;
    scope.page_id = page;
    scope.as_of = day(as_of);
    scope.window_days = window_days;
    scope.today = day("2026-03-04");
    auto input = load_audit_input(db(), scope);
    REQUIRE(input);
    return std::move(*input);
  }

  // As load(), on the default audit day: the Page's newest day with a follower count, else
  // 2026-03-03, the day before today.
  AuditInput load_newest(const char* page = "P") {
    AuditScope scope;
    scope.page_id = page;
    scope.today = day("2026-03-04");
    auto input = load_audit_input(db(), scope);
    REQUIRE(input);
    return std::move(*input);
  }

 private:
  test::TempDir m_dir;
  std::string m_path;
  std::unique_ptr<Store> m_store;
};

DailySeries series(std::initializer_list<std::pair<const char*, double>> days) {
  DailySeries out;
  for (const auto& [date, value] : days) out[day(date)] = value;
  return out;
}

TEST_CASE("followers: the window, the day before it and the store's newest count") {
  Fixture f;
  for (auto [date, value] : {std::pair{"2026-02-25", "100"},
                             {"2026-02-26", "101"},
                             {"2026-02-27", "103"},
                             {"2026-03-01", "104"},
                             {"2026-03-03", "107"},
                             {"2026-03-10", "120"}}) {
    f.metric("page_follows", "day", date, value);
  }
  const AuditInput in = f.load();
  CHECK(in.page_id == "P");
  CHECK(in.page_name == "Café");
  CHECK(in.window_start() == day("2026-02-27"));
  CHECK(in.followers == series({{"2026-02-26", 101},
                                {"2026-02-27", 103},
                                {"2026-03-01", 104},
                                {"2026-03-03", 107},
                                {"2026-03-10", 120}}));
  CHECK(f.load_newest("P").as_of == day("2026-03-10"));
  CHECK(f.load_newest("Q").as_of == day("2026-03-03"));
}

// The newest day is asked of page_metrics, not of the daily_followers view (too slow): the two
// must choose the same rows, whichever import wrote them.
TEST_CASE("the default audit day is the newest day daily_followers has, whatever the source") {
  Fixture f;
  f.exec(
      "INSERT INTO pages(page_id, source, updated_at) VALUES ('A', 's', 't'), ('B', 's', 't'), "
      "('C', 's', 't')");
  // A: the API's page_follows, a follower history file continuing it, classic Lifetime Total
  // Likes (page_fans) and, newest, a followers_count snapshot.
  f.metric("page_follows", "day", "2026-02-25", "500", "A", "api");
  f.metric("page_follows", "day", "2026-02-26", "501", "A", "api");
  f.metric("page_follows", "day", "2026-02-27", "502", "A", "follower_history");
  f.metric("page_follows", "day", "2026-02-28", "503", "A", "follower_history");
  f.metric("page_fans", "lifetime", "2026-02-20", "480", "A", "classic");
  f.metric("page_fans", "lifetime", "2026-02-27", "490", "A", "classic");
  f.metric("followers_count", "lifetime", "2026-03-02", "505", "A", "snapshot");
  // B: classic likes outlast the follower history, and are the view's count on their own days.
  f.metric("page_follows", "day", "2024-06-20", "90", "B", "follower_history");
  f.metric("page_fans", "lifetime", "2024-06-20", "88", "B", "classic");
  f.metric("page_fans", "lifetime", "2024-06-30", "91", "B", "classic");
  // C: newer rows the view ignores: a flow, a day the API gave no value, a 28-day period.
  f.metric("page_follows", "day", "2026-02-28", "70", "C", "api");
  f.metric("page_follows", "day", "2026-03-01", "71", "C", "api");
  f.metric("page_daily_follows", "day", "2026-03-02", "3", "C", "api");
  f.metric("page_follows", "day", "2026-03-02", "NULL", "C", "api");
  f.metric("page_follows", "days_28", "2026-03-02", "72", "C", "api");
  // Q has no follower count at all: the audit day is the day before today.
  const struct {
    const char* page;
    const char* newest;  // in the view; nullptr: none
    const char* audit_day;
  } cases[] = {
      {"A", "2026-03-02", "2026-03-02"},
      {"B", "2024-06-30", "2024-06-30"},
      {"C", "2026-03-01", "2026-03-01"},
      {"Q", nullptr, "2026-03-03"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.page);
    CHECK(query(f.path(), fmt::format("SELECT max(date) FROM daily_followers WHERE page_id = '{}'",
                                      c.page)) == fmt::format("{}\n", c.newest ? c.newest : ""));
    const AuditInput in = f.load_newest(c.page);
    CHECK(in.as_of == day(c.audit_day));
    // The newest count is among the followers read, for the staleness check.
    if (c.newest) {
      REQUIRE_FALSE(in.followers.empty());
      CHECK(in.followers.rbegin()->first == day(c.newest));
    }
  }
}

TEST_CASE("daily flows read the window's days, both ends included, and skip NULL values") {
  Fixture f;
  for (auto [date, value] : {std::pair{"2026-02-26", "1"},
                             {"2026-02-27", "10"},
                             {"2026-02-28", "20"},
                             {"2026-03-01", "NULL"},
                             {"2026-03-03", "30"},
                             {"2026-03-04", "40"}}) {
    f.metric("page_media_view", "day", date, value);
  }
  f.metric("page_media_view", "week", "2026-03-03", "500");
  f.metric("page_post_engagements", "day", "2026-03-02", "7");
  f.metric("page_views_total", "day", "2026-02-27", "3");
  f.metric("page_total_media_view_unique", "day", "2026-03-03", "9");
  // Retired metrics are read from the start of the store up to the audit day.
  f.metric("page_impressions", "day", "2025-11-10", "50");
  f.metric("page_impressions", "day", "2026-03-04", "60");
  f.metric("page_impressions_unique", "day", "2026-01-05", "20");

  const AuditInput in = f.load();
  CHECK(in.views == series({{"2026-02-27", 10}, {"2026-02-28", 20}, {"2026-03-03", 30}}));
  CHECK(in.engagements == series({{"2026-03-02", 7}}));
  CHECK(in.page_visits == series({{"2026-02-27", 3}}));
  CHECK(in.viewers == series({{"2026-03-03", 9}}));
  CHECK(in.impressions == series({{"2025-11-10", 50}}));
  CHECK(in.reach == series({{"2026-01-05", 20}}));
  CHECK_FALSE(in.viewers_window);  // a 5-day window has no count of unique viewers
}

TEST_CASE("viewers over the window come from Meta's count for the same period") {
  Fixture f;
  f.metric("page_total_media_view_unique", "days_28", "2026-03-02", "700");
  f.metric("page_total_media_view_unique", "days_28", "2026-03-03", "800");
  f.metric("page_total_media_view_unique", "week", "2026-03-03", "300");
  CHECK(f.load(28).viewers_window == 800);
  CHECK(f.load(7).viewers_window == 300);
  CHECK_FALSE(f.load(30).viewers_window);
}

TEST_CASE("net follows: unique follows minus unfollows where both exist, never follows alone") {
  Fixture f;
  f.metric("page_daily_follows_unique", "day", "2026-02-27", "10");
  f.metric("page_daily_unfollows_unique", "day", "2026-02-27", "3");
  f.metric("page_daily_follows", "day", "2026-02-27", "12");
  f.metric("page_daily_follows", "day", "2026-02-28", "5");
  f.metric("page_daily_follows_unique", "day", "2026-03-01", "4");
  f.metric("page_daily_follows", "day", "2026-03-01", "6");
  f.metric("page_daily_unfollows_unique", "day", "2026-03-02", "2");
  f.metric("page_daily_follows", "day", "2026-03-04", "9");
  // Only 2026-02-27 has both (10 - 3); the other days have new follows alone, which say
  // nothing of the follows lost.
  CHECK(f.load().net_follows == series({{"2026-02-27", 7}}));
}

TEST_CASE("the days posts and comments cover: pulls' ranges, each export's first..last post") {
  Fixture f;
  f.exec(
      "INSERT INTO pull_coverage(page_id, kind, first_day, last_day) VALUES "
      "('P', 'posts', '2026-01-01', '2026-02-27'), ('P', 'insights', '2026-01-01', '2026-03-03'), "
      "('Q', 'posts', '2026-03-01', '2026-03-03');"
      "INSERT INTO posts(post_id, page_id, created_time, source, as_of, run_id) VALUES "
      "('P_1', 'P', '2026-03-01T10:00', 'content.csv', '2026-03-10', 1), "
      "('P_2', 'P', '2026-03-02T23:59', 'content.csv', '2026-03-10', 1), "
      "('P_3', 'P', '2026-02-28T08:00', 'graph', '2026-03-10', 1), "
      "('Q_1', 'Q', '2026-02-20T08:00', 'other.csv', '2026-03-10', 1)");
  const AuditInput in = f.load();
  // The pull's posts range and the export's 1..2 March; the insights range and Q's are not P's
  // posts'. The graph's own posts are covered by its pull's range, not by their dates.
  CHECK(in.posts_covered ==
        DayRanges{{day("2026-01-01"), day("2026-02-27")}, {day("2026-03-01"), day("2026-03-02")}});
  CHECK(in.comments_covered == DayRanges{{day("2026-01-01"), day("2026-02-27")}});
  // The window 2026-02-27..2026-03-03: posts cover the 27th, 1st and 2nd (3 of 5 days), comments
  // only the 27th.
  const Figures figures = compute_figures(in);
  CHECK(find_activity(figures.activity, "posts")->days == 3);
}

TEST_CASE("posts count those created in the window, a Page without posts has no post data") {
  Fixture f;
  for (auto [id, time] : {std::pair{"p1", "2026-02-26T12:00"},
                          {"p2", "2026-02-27T08:00"},
                          {"p3", "2026-03-03T23:30:00"},
                          {"p4", "2026-03-04T00:10"}}) {
    f.exec(
        fmt::format("INSERT INTO posts(post_id, page_id, created_time, source, as_of, run_id) "
                    "VALUES ('{}', 'P', '{}', 's', '2026-03-10', 1)",
                    id, time));
  }
  CHECK(f.load().posts == 2);
  CHECK_FALSE(f.load(5, "Q").posts);
}

TEST_CASE("comments, commenters and reply waits in the window's Pacific days") {
  Fixture f;
  CHECK_FALSE(f.load().comments);  // no comment and no pull: no comment data
  // The window 2026-02-27 .. 2026-03-03 is in standard time (PST, UTC-8): it runs from
  // 2026-02-27T08:00:00Z to 2026-03-04T08:00:00Z.
  f.comments({
      // id, parent, time, author hash, name hash, from_page
      "'c1', NULL, '2026-02-27T08:00:00Z', 'a', 'na', 0",    // 00:00 PST on the first day
      "'r1', 'c1', '2026-02-27T11:30:00Z', NULL, NULL, 1",   // first reply: 3.5 h
      "'r1b', 'c1', '2026-02-27T13:00:00Z', NULL, NULL, 1",  // a later reply does not count
      "'c2', NULL, '2026-03-04T07:59:59Z', 'b', 'nb', 0",    // 23:59:59 PST on the audit day
      "'c3', 'c2', '2026-03-03T12:00:00Z', 'a', 'na', 0",    // a visitor's reply is a comment
      "'c4', NULL, '2026-03-04T08:00:00Z', 'c', 'nc', 0",    // 00:00 PST the day after
      "'c5', NULL, '2026-02-27T07:59:59Z', 'd', 'nd', 0",    // 23:59:59 PST the day before
      "'c6', NULL, '2026-03-01T10:00:00Z', 'b', 'nb', 0",
      "'r6', 'c6', '2026-03-02T10:30:00Z', NULL, NULL, 1",  // 24.5 h
      "'c7', NULL, '2026-02-28T09:00:00Z', NULL, 'ne', 0",  // no author id: the name stands in
      // Answered after the audit day (00:30 PST on 2026-03-04): unanswered as of 2026-03-03,
      // waiting to its end, 2026-03-04T08:00:00Z: 2 h.
      "'c8', NULL, '2026-03-04T06:00:00Z', 'e', 'nf', 0",
      "'r8', 'c8', '2026-03-04T08:30:00Z', NULL, NULL, 1",
  });
  const AuditInput in = f.load();
  CHECK(in.comments == 6);  // c1, c2, c3, c6, c7, c8
  REQUIRE(in.commenters.size() == 4);
  CHECK(in.commenters[0].id == "a");
  CHECK(in.commenters[0].identity_hashes == std::vector<std::string>{"na"});
  CHECK(in.commenters[1].id == "b");
  CHECK(in.commenters[2].id == "e");
  CHECK(in.commenters[3].id == "ne");
  // By comment id: c1 3.5 h answered; c2 1 s to the end of the day (1 / 3600 h), unanswered; c6
  // 24.5 h answered; c7 from 09:00Z on 28 Feb to 08:00Z on 4 Mar, 4 days - 1 h = 95 h,
  // unanswered; c8 2 h, unanswered.
  REQUIRE(in.reply_waits.size() == 5);
  const double hours[] = {3.5, 1.0 / 3600, 24.5, 95, 2};
  const bool answered[] = {true, false, true, false, false};
  for (size_t i = 0; i < 5; ++i) {
    CAPTURE(i);
    CHECK(in.reply_waits[i].hours == doctest::Approx(hours[i]).epsilon(1e-12));
    CHECK(in.reply_waits[i].answered == answered[i]);
  }
}

TEST_CASE("a window across the change to daylight time counts comments by Pacific days") {
  Fixture f;
  // As of 2026-03-09 over 3 days: 2026-03-07 .. 2026-03-09. Daylight time starts at 02:00 on
  // Sunday 2026-03-08: the window starts at 00:00 PST = 08:00Z on the 7th and ends at 00:00 PDT
  // on the 10th = 07:00Z, a window of 71 hours.
  f.comments({
      "'a', NULL, '2026-03-07T07:59:59Z', 'a', 'na', 0",  // 23:59:59 PST on the 6th: out
      "'b', NULL, '2026-03-07T08:00:00Z', 'b', 'nb', 0",  // 00:00 PST on the 7th: in
      "'c', NULL, '2026-03-10T06:59:59Z', 'c', 'nc', 0",  // 23:59:59 PDT on the 9th: in
      "'d', NULL, '2026-03-10T07:00:00Z', 'd', 'nd', 0",  // 00:00 PDT on the 10th: out
  });
  const AuditInput in = f.load(3, "P", "2026-03-09");
  CHECK(in.comments == 2);
  REQUIRE(in.reply_waits.size() == 2);
  // Unanswered: b waits the whole window, 71 hours; c one second.
  CHECK(in.reply_waits[0].hours == 71);
  CHECK(in.reply_waits[1].hours == doctest::Approx(1.0 / 3600).epsilon(1e-12));

  // Back to standard time at 02:00 PDT on Sunday 2026-11-01: as of 2026-11-20, the audit day
  // ends at 00:00 PST on the 21st, 08:00Z. A comment at 05:00Z on the 21st is 21:00 PST on the
  // 20th, inside the window; the window's first day, 2026-10-24, starts at 07:00Z (PDT).
  Fixture g;
  g.comments({
      "'late', NULL, '2026-11-21T05:00:00Z', 'a', 'na', 0",   // 21:00 PST on the 20th: in
      "'after', NULL, '2026-11-21T08:00:00Z', 'b', 'nb', 0",  // 00:00 PST on the 21st: out
      "'first', NULL, '2026-10-24T07:00:00Z', 'c', 'nc', 0",  // 00:00 PDT on the 24th: in
      "'early', NULL, '2026-10-24T06:59:59Z', 'd', 'nd', 0",  // 23:59:59 PDT on the 23rd: out
  });
  const AuditInput nov = g.load(28, "P", "2026-11-20");
  CHECK(nov.comments == 2);
  REQUIRE(nov.reply_waits.size() == 2);
  // By id: first waits from 07:00Z on 24 Oct to 08:00Z on 21 Nov, 28 days + 1 h = 673 h; late
  // 3 h.
  CHECK(nov.reply_waits[0].hours == 673);
  CHECK(nov.reply_waits[1].hours == 3);
}

TEST_CASE("after a pull, a Page without comments has zero comments, not missing data") {
  Fixture f;
  f.exec(
      "INSERT INTO import_runs(command, page_id, started_at, status) VALUES ('pull', 'P', 't', "
      "'ok')");
  CHECK(f.load().comments == 0);
}

TEST_CASE("time log and outcomes: the window's days, hours summed over people") {
  Fixture f;
  REQUIRE(write_time_log(f.db(), "P",
                         std::vector<TimeEntry>{{2, day("2026-02-27"), 1.5, "posting", "Lucía"},
                                                {3, day("2026-02-27"), 0.5, "photos", "Marcos"},
                                                {4, day("2026-03-03"), 2, "", ""},
                                                {5, day("2026-03-04"), 1, "", ""}},
                         "t.csv", 1));
  OutcomeTable outcomes;
  outcomes.metrics = {"visitors"};
  outcomes.values = {{2, day("2026-02-27"), "visitors", 5},
                     {3, day("2026-03-03"), "visitors", std::nullopt},
                     {4, day("2026-03-04"), "visitors", 7}};
  REQUIRE(write_outcomes(f.db(), "P", outcomes, "o.csv", 1));
  const AuditInput in = f.load();
  CHECK(in.time_log == series({{"2026-02-27", 2}, {"2026-03-03", 2}}));
  REQUIRE(in.outcomes.size() == 1);
  CHECK(in.outcomes.at("visitors") == series({{"2026-02-27", 5}}));
  CHECK(query(f.path(), "SELECT value IS NULL FROM outcomes WHERE date = '2026-03-03'") == "1\n");
}

TEST_CASE("re-imported time log entries and outcomes replace the stored ones") {
  Fixture f;
  const std::vector<TimeEntry> entries{{2, day("2026-02-27"), 1.5, "posting", "Lucía"}};
  REQUIRE(write_time_log(f.db(), "P", entries, "a.csv", 1));
  const std::vector<TimeEntry> again{{2, day("2026-02-27"), 2.5, "posting", "Lucía"}};
  REQUIRE(write_time_log(f.db(), "P", again, "b.csv", 1));
  CHECK(query(f.path(), "SELECT date, hours, activity, person, source FROM time_log") ==
        "2026-02-27|2.5|posting|Lucía|b.csv\n");
}

TEST_CASE("customers are stored hashed, clear values only with keep_pii") {
  Fixture f;
  CustomerList list;
  Customer ana;
  ana.name = "Ana López";
  ana.email = "ana@example.com";
  ana.city = "Madrid";
  ana.name_hash = "hn";
  ana.email_hash = "he";
  list.customers.push_back(ana);
  Customer jose;
  jose.name = "José";
  jose.name_hash = "hj";
  list.customers.push_back(jose);
  REQUIRE(write_customers(f.db(), "P", list, false, "c.csv", 1));
  CHECK(query(f.path(), "SELECT * FROM customers ORDER BY 1") ==
        "P|he|hn|he||||||c.csv|1\nP|hj|hj|||||||c.csv|1\n");

  // Kept in clear, and a later list adds a phone to the same customer.
  list.customers[0].phone = "612345678";
  list.customers[0].phone_hash = "hp";
  REQUIRE(write_customers(f.db(), "P", list, true, "d.csv", 1));
  CHECK(query(f.path(), "SELECT * FROM customers WHERE customer_key = 'he'") ==
        "P|he|hn|he|hp|Ana López|ana@example.com|612345678|Madrid|d.csv|1\n");
  auto count = count_customers(f.db(), "P");
  REQUIRE(count);
  CHECK(*count == 2);

  const AuditInput in = f.load();
  CHECK(in.customers_imported == 2);
  CHECK(*in.customer_hashes == CustomerHashes{"he", "hj", "hn", "hp"});

  // One reader for several Pages hands each Page its own customers: Q has none.
  auto reader = AuditInputReader::prepare(f.db());
  REQUIRE(reader);
  AuditScope scope;
  scope.as_of = day("2026-03-03");
  scope.today = day("2026-03-04");
  scope.page_id = "P";
  auto p = reader->load(scope);
  scope.page_id = "Q";
  auto q = reader->load(scope);
  REQUIRE(p);
  REQUIRE(q);
  CHECK(p->customer_hashes->size() == 4);
  CHECK(p->customers_imported == 2);
  CHECK(q->customer_hashes->empty());
  CHECK(q->customers_imported == 0);
}

TEST_CASE("audience: the latest breakdown on or before the audit day, in percent") {
  Fixture f;
  const char* rows[] = {
      "'page_follows_city', '2026-01-01', 'city', 'Madrid', 40, 'percent'",
      "'page_follows_city', '2026-03-01', 'city', 'Madrid', 50, 'percent'",
      "'page_follows_city', '2026-03-01', 'city', 'Getafe', 5, 'percent'",
      "'page_follows_city', '2026-03-05', 'city', 'Madrid', 90, 'percent'",
      "'page_follows_age_gender', '2026-03-01', 'age_gender', 'F.25-34', 0.2, 'fraction'",
      "'page_follows_country', '2026-03-01', 'country', 'ES', 500, 'count'",
  };
  for (const char* row : rows) {
    f.exec(
        std::string("INSERT INTO page_metric_breakdowns(metric, date, dimension, key, value, unit, "
                    "page_id, period, source, as_of, run_id) VALUES (") +
        row + ", 'P', 'lifetime', 's', '2026-03-10', 1)");
  }
  const AuditInput in = f.load();
  REQUIRE(in.audience.size() == 3);
  CHECK(in.audience[0].dimension == "age_gender");
  CHECK(in.audience[0].key == "F.25-34");
  CHECK(in.audience[0].percent == doctest::Approx(20));
  CHECK(in.audience[1].key == "Getafe");
  CHECK(in.audience[2].key == "Madrid");
  CHECK(in.audience[2].percent == 50);
}

TEST_CASE("saved goals replace the Page's goals and read back whole") {
  Fixture f;
  const std::string first =
      "language = \"es\"\n[business]\nhourly_cost = 9.5\n[[goal]]\nid = \"a\"\nmetric = "
      "\"followers\"\nat_least = 15000\nby = \"2026-12-31\"\n[[goal]]\nid = \"b\"\nmetric = "
      "\"hours\"\nat_most = 40\n";
  f.save("P", first, "g.toml");
  CHECK(query(f.path(),
              "SELECT page_id, goal_id, objective, metric, bound_kind, bound, by, why, source "
              "FROM goals ORDER BY goal_id") ==
        "P|a||followers|at_least|15000.0|2026-12-31||g.toml\n"
        "P|b||hours|at_most|40.0|||g.toml\n");

  const std::string second =
      "[[goal]]\nid = \"c\"\nobjective = \"loyalty\"\nmetric = "
      "\"outcome:sales\"\nat_least = 100\nwhy = \"ventas\"\n";
  f.save("P", second, "h.toml");
  CHECK(query(f.path(), "SELECT goal_id, objective, metric, why FROM goals") ==
        "c|loyalty|outcome:sales|ventas\n");

  auto stored = load_stored_goals(f.db(), "P");
  REQUIRE(stored);
  REQUIRE(*stored);
  CHECK((*stored)->source == "h.toml");
  REQUIRE((*stored)->goals.goals.size() == 1);
  CHECK((*stored)->goals.goals[0].metric == "outcome:sales");
  auto none = load_stored_goals(f.db(), "Q");
  REQUIRE(none);
  CHECK_FALSE(*none);
}

// Every column of settings but loaded_at, the wall clock's.
const std::string k_settings_columns =
    "page_id, business_name, customers, hourly_cost, currency, hours_per_day, "
    "stated_target_share, stated_customer_share, target_countries, target_cities, target_ages, "
    "survey_asked, survey_follow, language, source";

TEST_CASE("saved goals write the Page's settings row, NULL where the file gives nothing") {
  Fixture f;
  const std::string full =
      "page = \"P\"\nlanguage = \"es\"\n[business]\nname = \"Café La Esquina\"\n"
      "customers = 1800\nhourly_cost = 9.5\ncurrency = \"EUR\"\n[effort]\nhours_per_day = 2.0\n"
      "[audience]\nstated_target_share = 0.33\nstated_customer_share = 0.1\n"
      "target_countries = [\"ES\"]\ntarget_cities = [\"Madrid\", \"A \\\"B\\\" \\\\ C\"]\n"
      "target_ages = [\"25-34\", \"35-44\"]\n[survey]\nasked = 120\nfollow = 34\n";
  f.save("P", full, "cafe.toml");
  CHECK(query(f.path(), "SELECT " + k_settings_columns + " FROM settings") ==
        "P|Café La Esquina|1800|9.5|EUR|2.0|0.33|0.1|[\"ES\"]|[\"Madrid\",\"A \\\"B\\\" \\\\ "
        "C\"]|[\"25-34\",\"35-44\"]|120|34|es|cafe.toml\n");
  // The arrays are JSON SQLite reads back to the file's strings.
  CHECK(query(f.path(), "SELECT e.value FROM settings, json_each(settings.target_cities) e") ==
        "Madrid\nA \"B\" \\ C\n");
  // Written in the goals' transaction, with the same loaded_at as goal_files.
  CHECK(query(f.path(),
              "SELECT count(*) FROM settings s JOIN goal_files g USING (page_id, "
              "source, loaded_at)") == "1\n");

  // A file with none of the settings replaces the row with NULLs; another Page's row stays.
  const std::string bare = "[[goal]]\nid = \"a\"\nmetric = \"followers\"\nat_least = 10\n";
  f.save("Q", bare, "q.toml");
  f.save("P", bare, "bare.toml");
  CHECK(query(f.path(), "SELECT " + k_settings_columns + " FROM settings ORDER BY page_id") ==
        "P||||||||||||||bare.toml\nQ||||||||||||||q.toml\n");
}

TEST_CASE("json_string_array writes JSON that SQLite reads back to the same strings") {
  struct Case {
    std::vector<std::string> items;
    std::string json;
  };
  const Case cases[] = {
      {{}, "[]"},
      {{"ES"}, "[\"ES\"]"},
      {{"25-34", "65+"}, "[\"25-34\",\"65+\"]"},
      {{""}, "[\"\"]"},
      {{"say \"hi\""}, "[\"say \\\"hi\\\"\"]"},
      {{"a\\b"}, "[\"a\\\\b\"]"},
      {{"line\nnext\r\ttab"}, "[\"line\\nnext\\r\\ttab\"]"},
      {{"bell\x07unit\x1f"}, "[\"bell\\u0007unit\\u001f\"]"},
      {{"Málaga", "A Coruña"}, "[\"Málaga\",\"A Coruña\"]"},
  };
  auto store = Store::open_memory();
  REQUIRE(store);
  auto read_back = (*store)->db().prepare("SELECT value FROM json_each(?1) ORDER BY key");
  REQUIRE(read_back);
  for (const Case& c : cases) {
    CAPTURE(c.json);
    const std::string json = json_string_array(c.items);
    CHECK(json == c.json);
    read_back->reset();
    read_back->bind(1, json);
    std::vector<std::string> items;
    REQUIRE(each_row(*read_back, [&](const Statement& row) { items.push_back(row.text(0)); }));
    CHECK(items == c.items);
  }
}

TEST_CASE("each audit is recorded, and goal_status shows the latest one per Page") {
  Fixture f;
  AuditResult result;
  result.page_id = "P";
  result.as_of = day("2026-03-03");
  result.window_days = 5;
  GoalResult g;
  g.goal.id = "a";
  g.goal.metric = "followers";
  g.status = GoalStatus::behind;
  g.current = 107;
  g.projected = 200;
  g.required_per_day = 12.5;
  g.projected_date = day("2027-01-31");
  g.lint = {"vanity-round-target", "no-deadline"};
  result.goals.push_back(g);
  auto first =
      record_audit(f.db(), {result, AuditRun{"text", "g.toml", "2026-03-04T08:00:00Z"}, "{}"});
  REQUIRE(first);

  result.as_of = day("2026-03-04");
  result.goals[0].status = GoalStatus::met;
  result.goals[0].current = 300;
  result.goals[0].projected.reset();
  result.goals[0].required_per_day.reset();
  result.goals[0].projected_date.reset();
  result.goals[0].lint.clear();
  auto second =
      record_audit(f.db(), {result, AuditRun{"json", std::nullopt, "2026-03-05T08:00:00Z"},
                            "{\"as_of\": \"2026-03-04\"}"});
  REQUIRE(second);
  CHECK(*second == *first + 1);

  CHECK(query(f.path(),
              "SELECT audit_id, page_id, as_of, window_days, started_at, format, "
              "coalesce(goals_file, '-'), json FROM audit_runs") ==
        "1|P|2026-03-03|5|2026-03-04T08:00:00Z|text|g.toml|{}\n"
        "2|P|2026-03-04|5|2026-03-05T08:00:00Z|json|-|{\"as_of\": \"2026-03-04\"}\n");
  CHECK(query(f.path(), "SELECT * FROM audit_results WHERE audit_id = 1") ==
        "1|a|followers|behind|107.0|200.0|12.5|2027-01-31|vanity-round-target,no-deadline\n");
  CHECK(query(f.path(), "SELECT * FROM goal_status") ==
        "P|a|followers|met|300.0||||2026-03-04|2\n");
}

TEST_CASE("the Pages of the store, by id") {
  Fixture f;
  auto pages = list_pages(f.db());
  REQUIRE(pages);
  REQUIRE(pages->size() == 2);
  CHECK((*pages)[0].page_id == "P");
  CHECK((*pages)[0].name == "Café");
  CHECK((*pages)[1].name.empty());
}

}  // namespace
}  // namespace pageaudit
