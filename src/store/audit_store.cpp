// Customer lists, time logs, outcomes, goals and audits in the store, and the audit's input.
#include "pageaudit/store/audit_store.h"

#include <fmt/format.h>

#include <map>
#include <memory>
#include <set>
#include <utility>

#include "pageaudit/core/clock.h"
#include "pageaudit/graph/end_time.h"
#include "pageaudit/store/catalog.h"

namespace pageaudit {
namespace {

std::optional<std::string> if_kept(bool keep, const std::optional<std::string>& value) {
  return keep ? value : std::nullopt;
}

std::optional<std::string> non_empty(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

}  // namespace

// --- import --as ------------------------------------------------------------------------------

Status write_customers(Database& db, const std::string& page_id, const CustomerList& list,
                       bool keep_pii, const std::string& source, int64_t run_id) {
  auto stmt = db.prepare(
      "INSERT INTO customers(customer_key, name_hash, email_hash, phone_hash, name, email, phone, "
      "city, source, run_id, page_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
      "ON CONFLICT(page_id, customer_key) DO UPDATE SET "
      "name_hash = coalesce(excluded.name_hash, customers.name_hash), "
      "email_hash = coalesce(excluded.email_hash, customers.email_hash), "
      "phone_hash = coalesce(excluded.phone_hash, customers.phone_hash), "
      "name = excluded.name, email = excluded.email, phone = excluded.phone, "
      "city = excluded.city, source = excluded.source, run_id = excluded.run_id");
  if (!stmt) return tl::unexpected(stmt.error());
  for (const Customer& c : list.customers) {
    stmt->bind(1, c.key()).bind(2, c.name_hash).bind(3, c.email_hash).bind(4, c.phone_hash);
    stmt->bind(5, if_kept(keep_pii, c.name)).bind(6, if_kept(keep_pii, c.email));
    stmt->bind(7, if_kept(keep_pii, c.phone)).bind(8, if_kept(keep_pii, c.city));
    stmt->bind(9, source).bind(10, run_id).bind(11, page_id);
    if (auto s = stmt->run(); !s) return s;
  }
  return {};
}

Result<long> count_customers(Database& db, const std::string& page_id) {
  auto stmt = db.prepare("SELECT count(*) FROM customers WHERE page_id = ?1");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, page_id);
  std::optional<int64_t> count;
  auto s = each_row(*stmt, [&](const Statement& row) { count = row.integer(0); });
  if (!s) return tl::unexpected(s.error());
  return static_cast<long>(count.value_or(0));
}

Status write_time_log(Database& db, const std::string& page_id, std::span<const TimeEntry> entries,
                      const std::string& source, int64_t run_id) {
  auto stmt = db.prepare(
      "INSERT INTO time_log(date, hours, activity, person, source, run_id, page_id) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(page_id, date, activity, person) DO UPDATE "
      "SET "
      "hours = excluded.hours, source = excluded.source, run_id = excluded.run_id");
  if (!stmt) return tl::unexpected(stmt.error());
  for (const TimeEntry& e : entries) {
    stmt->bind(1, e.date.iso()).bind(2, e.hours).bind(3, e.activity).bind(4, e.person);
    stmt->bind(5, source).bind(6, run_id).bind(7, page_id);
    if (auto s = stmt->run(); !s) return s;
  }
  return {};
}

Status write_outcomes(Database& db, const std::string& page_id, const OutcomeTable& table,
                      const std::string& source, int64_t run_id) {
  auto stmt = db.prepare(
      "INSERT INTO outcomes(date, metric, value, source, run_id, page_id) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(page_id, date, metric) DO UPDATE SET "
      "value = excluded.value, source = excluded.source, run_id = excluded.run_id");
  if (!stmt) return tl::unexpected(stmt.error());
  for (const OutcomeValue& v : table.values) {
    stmt->bind(1, v.date.iso()).bind(2, v.metric).bind(3, v.value).bind(4, source).bind(5, run_id);
    stmt->bind(6, page_id);
    if (auto s = stmt->run(); !s) return s;
  }
  return {};
}

// --- goals ----------------------------------------------------------------------------------

std::string json_string_array(std::span<const std::string> items) {
  std::string json = "[";
  for (const std::string& item : items) {
    if (json.size() > 1) json += ',';
    json += '"';
    for (const char c : item) {
      const auto byte = static_cast<unsigned char>(c);
      switch (c) {
        case '"':
          json += "\\\"";
          break;
        case '\\':
          json += "\\\\";
          break;
        case '\n':
          json += "\\n";
          break;
        case '\r':
          json += "\\r";
          break;
        case '\t':
          json += "\\t";
          break;
        default:
          // Other control characters have no short escape; bytes from 0x80 are UTF-8, which JSON
          // takes as they are.
          if (byte < 0x20) {
            json += fmt::format("\\u{:04x}", byte);
          } else {
            json += c;
          }
      }
    }
    json += '"';
  }
  return json + "]";
}

namespace {

// A settings column's JSON array; NULL for an empty list (the file gives none).
std::optional<std::string> json_list(const std::vector<std::string>& items) {
  if (items.empty()) return std::nullopt;
  return json_string_array(items);
}

}  // namespace

Status write_settings(Database& db, const std::string& page_id, const Goals& goals,
                      const std::string& source, const std::string& loaded_at) {
  // The columns of schema version 7: the migration to it calls this too (through
  // fill_settings_from_goal_files), so a later migration that changes them must keep it working.
  auto stmt = db.prepare(
      "INSERT OR REPLACE INTO settings(page_id, business_name, customers, hourly_cost, currency, "
      "hours_per_day, stated_target_share, stated_customer_share, target_countries, "
      "target_cities, target_ages, survey_asked, survey_follow, language, source, loaded_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
  if (!stmt) return tl::unexpected(stmt.error());
  const Business& business = goals.business;
  const Audience& audience = goals.audience;
  std::optional<int64_t> asked, follow;
  if (goals.survey) {
    asked = goals.survey->asked;
    follow = goals.survey->follow;
  }
  std::optional<std::string> language;
  if (goals.language) language = std::string(language_code(*goals.language));
  stmt->bind(1, page_id).bind(2, non_empty(business.name)).bind(3, business.customers);
  stmt->bind(4, business.hourly_cost).bind(5, non_empty(business.currency));
  stmt->bind(6, goals.effort.hours_per_day).bind(7, audience.stated_target_share);
  stmt->bind(8, audience.stated_customer_share).bind(9, json_list(audience.target_countries));
  stmt->bind(10, json_list(audience.target_cities)).bind(11, json_list(audience.target_ages));
  stmt->bind(12, asked).bind(13, follow).bind(14, language).bind(15, source).bind(16, loaded_at);
  return stmt->run();
}

Status save_goals(Database& db, const std::string& page_id, const Goals& goals,
                  std::string_view toml, const std::string& source) {
  Transaction txn(db);
  if (auto s = txn.begin(); !s) return s;
  auto clear = db.prepare("DELETE FROM goals WHERE page_id = ?");
  if (!clear) return tl::unexpected(clear.error());
  if (auto s = clear->bind(1, page_id).run(); !s) return s;

  const std::string now = db.clock().now_iso();
  auto insert = db.prepare(
      "INSERT INTO goals(page_id, goal_id, objective, metric, bound_kind, bound, by, why, source, "
      "loaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!insert) return tl::unexpected(insert.error());
  for (const Goal& g : goals.goals) {
    std::optional<std::string> objective;
    if (g.objective) objective = std::string(objective_name(*g.objective));
    std::optional<std::string> by;
    if (g.by) by = g.by->iso();
    insert->bind(1, page_id).bind(2, g.id).bind(3, objective).bind(4, g.metric);
    insert->bind(5, g.bound.key()).bind(6, g.bound.value).bind(7, by).bind(8, non_empty(g.why));
    insert->bind(9, source).bind(10, now);
    if (auto s = insert->run(); !s) return s;
  }

  if (auto s = write_settings(db, page_id, goals, source, now); !s) return s;

  auto file = db.prepare(
      "INSERT INTO goal_files(page_id, source, toml, loaded_at) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT(page_id) DO UPDATE SET source = excluded.source, toml = excluded.toml, "
      "loaded_at = excluded.loaded_at");
  if (!file) return tl::unexpected(file.error());
  if (auto s = file->bind(1, page_id).bind(2, source).bind(3, toml).bind(4, now).run(); !s) {
    return s;
  }
  return txn.commit();
}

Status fill_settings_from_goal_files(Database& db) {
  auto files =
      db.prepare("SELECT page_id, source, toml, loaded_at FROM goal_files ORDER BY page_id");
  if (!files) return tl::unexpected(files.error());
  auto rows = files->rows();
  for (const Statement& row : rows) {
    const std::string source = row.text(1);
    auto goals = parse_goals(row.text(2), source);
    // A text this version no longer accepts must not stop the migration: that Page has no
    // settings until the next `audit --goals`, which asks for a file that parses.
    if (!goals) continue;
    if (auto s = write_settings(db, row.text(0), *goals, source, row.text(3)); !s) return s;
  }
  return rows.status();
}

Result<std::optional<StoredGoals>> load_stored_goals(Database& db, const std::string& page_id) {
  auto stmt = db.prepare("SELECT source, toml FROM goal_files WHERE page_id = ?");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, page_id);
  auto row = stmt->step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<StoredGoals>{};
  StoredGoals stored;
  stored.source = stmt->text(0);
  auto goals = parse_goals(stmt->text(1), stored.source);
  if (!goals) return tl::unexpected(goals.error());
  stored.goals = std::move(*goals);
  return std::optional<StoredGoals>{std::move(stored)};
}

// --- reading --------------------------------------------------------------------------------

Result<std::vector<PageInfo>> list_pages(Database& db) {
  auto stmt = db.prepare("SELECT page_id, coalesce(name, '') FROM pages ORDER BY page_id");
  if (!stmt) return tl::unexpected(stmt.error());
  std::vector<PageInfo> pages;
  auto done = each_row(*stmt, [&](const Statement& row) {
    pages.push_back({row.text(0), row.text(1)});
  });
  if (!done) return tl::unexpected(done.error());
  return pages;
}

// The queries behind AuditInput, prepared once for every Page a process audits. They number their
// parameters ?1 Page, ?2 window start, ?3 audit day, and from ?4 their own.
struct AuditInputReader::Queries {
  Statement page_name;
  Statement newest_follower_day;
  Statement followers;
  Statement daily;
  Statement viewers_window;
  Statement posts;
  Statement comments_known;
  Statement comments;
  Statement commenters;
  Statement replies;
  Statement time_log;
  Statement outcomes;
  Statement audience;
  Statement customers;
  Statement covered;
  SeriesBreaks series_breaks;  // the catalogue's, read once
};

namespace {

// Visitors' comments in the window. created_time is UTC 'YYYY-MM-DDTHH:MM:SSZ' but the window's
// days are Meta's (US Pacific): ?4 and ?5 are the instants its first day starts and the day after
// the audit day starts, in the same UTC text, so that the comparison stays one of text.
constexpr std::string_view k_comments_in_window =
    " c.page_id = ?1 AND c.from_page = 0 AND c.created_time >= ?4 AND c.created_time < ?5 ";
constexpr std::string_view k_comment_author = "coalesce(c.author_hash, c.author_name_hash)";

// The newest day the daily_followers view (sql/) has a count for Page ?1, asked of page_metrics
// with the view's own choice of rows (tests/store/test_audit_store.cpp holds the two to the same
// answer). The view ranks its rows with a window function, which SQLite runs over every day of
// the Page before a max() or an ORDER BY ... LIMIT 1 can see them (3 ms a Page with two years of
// data); page_metrics answers from its primary key.
constexpr std::string_view k_newest_follower_day =
    "SELECT max(date) FROM page_metrics WHERE page_id = ?1 AND metric IN ('page_follows', "
    "'page_fans', 'followers_count') AND period IN ('day', 'lifetime') AND value IS NOT NULL";

// The newest day of page_id with a follower count, as the store spells it; nullopt when none.
Result<std::optional<std::string>> newest_follower_day(AuditInputReader::Queries& q,
                                                       const std::string& page_id) {
  q.newest_follower_day.reset();
  q.newest_follower_day.bind(1, page_id);
  std::optional<std::string> newest;
  auto s = each_row(q.newest_follower_day, [&](const Statement& row) { newest = row.opt_text(0); });
  if (!s) return tl::unexpected(s.error());
  return newest;
}

// Reads one Page's input with the prepared queries, one part at a time.
class InputReader {
 public:
  // newest_follower_day: that of the Page, which the followers keep whatever the window.
  InputReader(AuditInputReader::Queries& q, AuditInput& input,
              std::optional<std::string> newest_follower_day)
      : m_q(q), m_input(input), m_newest_follower_day(std::move(newest_follower_day)) {
    m_from = input.window_start().iso();
    m_to = input.as_of.iso();
    m_after = (input.as_of + 1).iso();
    m_comments_from = format_utc_time(pacific_midnight(input.window_start()));
    m_comments_until = format_utc_time(pacific_midnight(input.as_of + 1));
  }

  // Reads every part of the input, in the order of the AuditInput fields.
  Status read_all() {
    if (auto s = page_name(); !s) return s;
    if (auto s = followers(); !s) return s;
    const struct {
      const char* metric;
      DailySeries* series;
      bool whole_history;
    } dailies[] = {
        {"page_media_view", &m_input.views, false},
        {"page_post_engagements", &m_input.engagements, false},
        {"page_views_total", &m_input.page_visits, false},
        {"page_total_media_view_unique", &m_input.viewers, false},
        // Retired metrics: read up to the audit day, to tell where a series changed meaning.
        {"page_impressions", &m_input.impressions, true},
        {"page_impressions_unique", &m_input.reach, true},
    };
    for (const auto& d : dailies) {
      if (auto s = daily(d.metric, *d.series, d.whole_history); !s) return s;
    }
    if (auto s = viewers_window(); !s) return s;
    if (auto s = net_follows(); !s) return s;
    if (auto s = posts(); !s) return s;
    if (auto s = comments(); !s) return s;
    if (auto s = time_log(); !s) return s;
    if (auto s = outcomes(); !s) return s;
    if (auto s = customers(); !s) return s;
    return audience();
  }

 private:
  Status page_name() {
    return each_row(scoped(m_q.page_name),
                    [&](const Statement& row) { m_input.page_name = row.text(0); });
  }

  Status followers() {
    Statement& stmt = scoped(m_q.followers);
    stmt.bind(4, (m_input.window_start() - 1).iso()).bind(5, m_newest_follower_day);
    return each_row(stmt, [&](const Statement& row) { add(m_input.followers, row); });
  }

  // A daily metric over the window, or from its first day when whole_history.
  Status daily(std::string_view metric, DailySeries& into, bool whole_history = false) {
    Statement& stmt = scoped(m_q.daily);
    stmt.bind(4, metric);
    if (whole_history) stmt.bind(2, "0000-00-00");
    return each_row(stmt, [&](const Statement& row) { add(into, row); });
  }

  Status viewers_window() {
    const char* period = m_input.window_days == 28  ? "days_28"
                         : m_input.window_days == 7 ? "week"
                                                    : nullptr;
    if (!period) return {};
    Statement& stmt = scoped(m_q.viewers_window);
    stmt.bind(4, period);
    return each_row(stmt, [&](const Statement& row) { m_input.viewers_window = row.real(0); });
  }

  // Follows minus unfollows on the days both are known. New follows alone (page_daily_follows,
  // Business Suite's "Facebook follows" chart) are not a net change: they never stand in.
  Status net_follows() {
    DailySeries follows, unfollows;
    for (auto [metric, series] : {std::pair{"page_daily_follows_unique", &follows},
                                  std::pair{"page_daily_unfollows_unique", &unfollows}}) {
      if (auto s = daily(metric, *series); !s) return s;
    }
    for (const auto& [day, value] : follows) {
      auto out = unfollows.find(day);
      if (out != unfollows.end()) m_input.net_follows[day] = value - out->second;
    }
    return {};
  }

  Status posts() {
    auto s = each_row(window_ended(m_q.posts), [&](const Statement& row) {
      if (row.integer(0)) m_input.posts = static_cast<long>(row.integer(1));
    });
    if (!s) return s;
    // The days the sources cover: column 0 says whose ('pull' covers comments too).
    return each_row(scoped(m_q.covered), [&](const Statement& row) {
      auto first = Date::parse_iso(row.text(1));
      auto last = Date::parse_iso(row.text(2));
      if (!first || !last) return;
      m_input.posts_covered.emplace_back(*first, *last);
      if (row.text(0) == "pull") m_input.comments_covered.emplace_back(*first, *last);
    });
  }

  Status comments() {
    bool any = false;
    auto s = each_row(scoped(m_q.comments_known),
                      [&](const Statement& row) { any = row.integer(0) != 0; });
    if (!s) return s;
    if (!any) return {};

    s = each_row(comment_window(m_q.comments),
                 [&](const Statement& row) { m_input.comments = row.integer(0); });
    if (!s) return s;
    s = each_row(comment_window(m_q.commenters), [&](const Statement& row) {
      if (m_input.commenters.empty() || m_input.commenters.back().id != row.text(0)) {
        m_input.commenters.push_back({row.text(0), {}});
      }
      if (!row.is_null(1)) m_input.commenters.back().identity_hashes.push_back(row.text(1));
    });
    if (!s) return s;
    return each_row(comment_window(m_q.replies), [&](const Statement& row) {
      m_input.reply_waits.push_back({row.real(0), row.integer(1) != 0});
    });
  }

  Status time_log() {
    return each_row(scoped(m_q.time_log),
                    [&](const Statement& row) { add(m_input.time_log, row); });
  }

  Status outcomes() {
    return each_row(scoped(m_q.outcomes),
                    [&](const Statement& row) { add(m_input.outcomes[row.text(2)], row); });
  }

  // The Page's customer lists: how many customers, and every name, e-mail and phone hash.
  Status customers() {
    CustomerHashes hashes;
    std::set<std::string> keys;
    auto s = each_row(scoped(m_q.customers), [&](const Statement& row) {
      keys.insert(row.text(0));
      for (int column = 1; column <= 3; ++column) {
        if (!row.is_null(column)) hashes.insert(row.text(column));
      }
    });
    if (!s) return s;
    m_input.customers_imported = static_cast<long>(keys.size());
    m_input.customer_hashes = std::make_shared<const CustomerHashes>(std::move(hashes));
    return {};
  }

  Status audience() {
    for (const char* metric :
         {"page_follows_age_gender", "page_follows_country", "page_follows_city"}) {
      Statement& stmt = scoped(m_q.audience);
      stmt.bind(4, metric);
      auto s = each_row(stmt, [&](const Statement& row) {
        const double scale = row.text(3) == "fraction" ? 100 : 1;
        m_input.audience.push_back({row.text(0), row.text(1), row.real(2) * scale});
      });
      if (!s) return s;
    }
    return {};
  }

  // Resets a query that an earlier Page or part ran, and binds ?1 to ?3. A query without one of
  // them ignores it (SQLite's SQLITE_RANGE, which bind() does not report).
  Statement& scoped(Statement& stmt) {
    stmt.reset();
    stmt.bind(1, m_input.page_id).bind(2, m_from).bind(3, m_to);
    return stmt;
  }

  // Like scoped(), with ?4 the day after the audit day: timestamps before it are in the window.
  Statement& window_ended(Statement& stmt) { return scoped(stmt).bind(4, m_after); }

  // Like scoped(), with ?4 and ?5 the UTC instants of the window's Pacific bounds (comments).
  Statement& comment_window(Statement& stmt) {
    return scoped(stmt).bind(4, m_comments_from).bind(5, m_comments_until);
  }

  // A row of (date, value) into a series.
  static void add(DailySeries& series, const Statement& row) {
    if (auto day = Date::parse_iso(row.text(0))) series[*day] = row.real(1);
  }

  AuditInputReader::Queries& m_q;
  AuditInput& m_input;
  std::optional<std::string> m_newest_follower_day;
  std::string m_from;
  std::string m_to;
  std::string m_after;
  std::string m_comments_from;   // 00:00 Pacific of the window's first day, as UTC text
  std::string m_comments_until;  // 00:00 Pacific of the day after the audit day, as UTC text
};

}  // namespace

AuditInputReader::AuditInputReader(std::unique_ptr<Queries> queries)
    : m_queries(std::move(queries)) {}
AuditInputReader::AuditInputReader(AuditInputReader&&) noexcept = default;
AuditInputReader& AuditInputReader::operator=(AuditInputReader&&) noexcept = default;
AuditInputReader::~AuditInputReader() = default;

Result<AuditInputReader> AuditInputReader::prepare(Database& db) {
  auto q = std::make_unique<Queries>();
  const std::string in_window(k_comments_in_window);
  const std::string author(k_comment_author);
  auto prepared = db.prepare_all({
      {&q->page_name, "SELECT coalesce(name, '') FROM pages WHERE page_id = ?1"},
      {&q->newest_follower_day, k_newest_follower_day},
      // The window's days from ?4 and the newest day ?5. Comparisons with values, not BETWEEN or
      // a subquery: SQLite pushes only those down into the view's window function, so that only
      // these days are ranked.
      {&q->followers,
       "SELECT date, followers FROM daily_followers WHERE page_id = ?1 AND date >= ?4 AND "
       "date <= ?3 UNION SELECT date, followers FROM daily_followers WHERE page_id = ?1 AND "
       "date = ?5"},
      {&q->daily,
       "SELECT date, value FROM page_metrics WHERE page_id = ?1 AND metric = ?4 AND "
       "period = 'day' AND date BETWEEN ?2 AND ?3 AND value IS NOT NULL"},
      {&q->viewers_window,
       "SELECT value FROM page_metrics WHERE page_id = ?1 AND metric = "
       "'page_total_media_view_unique' AND period = ?4 AND date = ?3 AND value IS NOT NULL"},
      // created_time is ISO 'YYYY-MM-DDTHH:MM[:SS]': the window's days are compared as text.
      {&q->posts,
       "SELECT EXISTS (SELECT 1 FROM posts WHERE page_id = ?1), (SELECT count(*) FROM posts "
       "WHERE page_id = ?1 AND created_time >= ?2 AND created_time < ?4)"},
      // A pull reads the Page's comments: after one, no comment means none were written.
      {&q->comments_known,
       "SELECT EXISTS (SELECT 1 FROM comments WHERE page_id = ?1) OR EXISTS (SELECT 1 FROM "
       "import_runs WHERE command = 'pull' AND status = 'ok' AND (page_id = ?1 OR page_id IS "
       "NULL))"},
      {&q->comments, "SELECT count(*) FROM comments c WHERE" + in_window},
      {&q->commenters, "SELECT DISTINCT " + author + ", c.author_name_hash FROM comments c WHERE" +
                           in_window + "AND " + author + " IS NOT NULL ORDER BY 1, 2"},
      // Each top-level comment's wait: to the Page's first reply, or, with no reply before the
      // end of the audit day (?5), to that end. Whole seconds, not julianday: a fraction of a day
      // would make 3.5 hours 3.4999999.
      {&q->replies,
       "SELECT (strftime('%s', coalesce(min(r.created_time), ?5)) - "
       "strftime('%s', c.created_time)) / 3600.0, min(r.created_time) IS NOT NULL "
       "FROM comments c LEFT JOIN comments r ON r.parent_id = c.comment_id AND r.from_page = 1 "
       "AND r.created_time < ?5 WHERE" +
           in_window + "AND c.parent_id IS NULL GROUP BY c.comment_id ORDER BY c.comment_id"},
      {&q->time_log,
       "SELECT date, sum(hours) FROM time_log WHERE page_id = ?1 AND date BETWEEN ?2 AND ?3 "
       "GROUP BY date"},
      {&q->outcomes,
       "SELECT date, value, metric FROM outcomes WHERE page_id = ?1 AND date BETWEEN ?2 AND ?3 "
       "AND value IS NOT NULL"},
      // The days each source of posts covers: what the pulls asked for, and each export from its
      // first post's day to its last (an export's own range is not kept; this never claims more).
      {&q->covered,
       "SELECT 'pull', first_day, last_day FROM pull_coverage WHERE page_id = ?1 AND kind = "
       "'posts' UNION ALL SELECT 'export', substr(min(created_time), 1, 10), "
       "substr(max(created_time), 1, 10) FROM posts WHERE page_id = ?1 AND source <> 'graph' AND "
       "created_time IS NOT NULL GROUP BY source"},
      {&q->customers,
       "SELECT customer_key, name_hash, email_hash, phone_hash FROM customers WHERE page_id = ?1"},
      {&q->audience,
       "SELECT dimension, key, value, unit FROM page_metric_breakdowns WHERE page_id = ?1 AND "
       "metric = ?4 AND value IS NOT NULL AND (unit = 'percent' OR unit = 'fraction') AND "
       "date = (SELECT max(date) FROM page_metric_breakdowns WHERE page_id = ?1 AND metric = ?4 "
       "AND date <= ?3) ORDER BY dimension, key"},
  });
  if (!prepared) return tl::unexpected(prepared.error());
  auto breaks = load_series_breaks(db);
  if (!breaks) return tl::unexpected(breaks.error());
  q->series_breaks = *breaks;
  return AuditInputReader(std::move(q));
}

Result<AuditInput> AuditInputReader::load(const AuditScope& scope) {
  // Read once, before the rest: it is the default audit day, which every window query needs.
  auto newest = newest_follower_day(*m_queries, scope.page_id);
  if (!newest) return tl::unexpected(newest.error());
  const std::optional<Date> newest_day = *newest ? Date::parse_iso(**newest) : std::nullopt;

  AuditInput input;
  input.as_of = scope.as_of.value_or(newest_day.value_or(scope.today - 1));
  input.window_days = scope.window_days;
  input.today = scope.today;
  input.page_id = scope.page_id;
  input.goals = scope.goals;
  input.language = scope.language;
  input.series_breaks = m_queries->series_breaks;

  InputReader reader(*m_queries, input, std::move(*newest));
  if (auto s = reader.read_all(); !s) return tl::unexpected(s.error());
  return input;
}

Result<AuditInput> load_audit_input(Database& db, const AuditScope& scope) {
  auto reader = AuditInputReader::prepare(db);
  if (!reader) return tl::unexpected(reader.error());
  return reader->load(scope);
}

// --- recording ------------------------------------------------------------------------------

namespace {

// The two inserts of an audit, prepared once for all the audits of a transaction.
struct AuditInserts {
  Statement audit;
  Statement goal;

  static Result<AuditInserts> prepare(Database& db) {
    AuditInserts inserts;
    auto prepared = db.prepare_all({
        {&inserts.audit,
         "INSERT INTO audit_runs(page_id, as_of, window_days, started_at, finished_at, format, "
         "goals_file, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"},
        {&inserts.goal,
         "INSERT INTO audit_results(audit_id, goal_id, metric, status, current, projected, "
         "required_per_day, projected_date, lint) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
    });
    if (!prepared) return tl::unexpected(prepared.error());
    return inserts;
  }

  // Inserts one audit inside the caller's transaction; returns its audit_id.
  Result<int64_t> insert(Database& db, const AuditResult& result, const AuditRun& run,
                         const std::string& json) {
    audit.bind(1, result.page_id).bind(2, result.as_of.iso()).bind(3, result.window_days);
    audit.bind(4, run.started_at).bind(5, db.clock().now_iso()).bind(6, run.format);
    audit.bind(7, run.goals_file).bind(8, json);
    if (auto s = audit.run(); !s) return tl::unexpected(s.error());
    const int64_t audit_id = db.last_insert_rowid();

    for (const GoalResult& g : result.goals) {
      std::optional<std::string> projected_date;
      if (g.projected_date) projected_date = g.projected_date->iso();
      std::string lint;
      for (const std::string& rule : g.lint) lint += (lint.empty() ? "" : ",") + rule;
      goal.bind(1, audit_id).bind(2, g.goal.id).bind(3, g.goal.metric);
      goal.bind(4, goal_status_name(g.status)).bind(5, g.current).bind(6, g.projected);
      goal.bind(7, g.required_per_day).bind(8, projected_date).bind(9, non_empty(lint));
      if (auto s = goal.run(); !s) return tl::unexpected(s.error());
    }
    return audit_id;
  }
};

}  // namespace

Result<std::vector<int64_t>> record_audits(Database& db, std::span<const AuditRecord> audits) {
  Transaction txn(db);
  if (auto s = txn.begin(); !s) return tl::unexpected(s.error());
  auto inserts = AuditInserts::prepare(db);
  if (!inserts) return tl::unexpected(inserts.error());
  std::vector<int64_t> ids;
  ids.reserve(audits.size());
  for (const AuditRecord& a : audits) {
    auto id = inserts->insert(db, a.result, a.run, a.json);
    if (!id) return tl::unexpected(id.error());
    ids.push_back(*id);
  }
  if (auto s = txn.commit(); !s) return tl::unexpected(s.error());
  return ids;
}

Result<int64_t> record_audit(Database& db, const AuditRecord& audit) {
  auto ids = record_audits(db, std::span(&audit, 1));
  if (!ids) return tl::unexpected(ids.error());
  return ids->front();
}

}  // namespace pageaudit
