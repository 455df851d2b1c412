// Classic Page Insights exports (Page, post and video level): every column is resolved once from
// its title and description into a plan, then the rows are streamed through the plans.
#include <algorithm>
#include <iterator>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "pageaudit/input/export.h"

namespace pageaudit {

namespace {

constexpr std::string_view k_alias_context = "classic_column";
constexpr std::string_view k_field_context = "classic";

struct PeriodName {
  std::string_view title_prefix;  // how a classic title starts ('Daily New Likes')
  std::string_view period;        // the store's spelling, also the API's ('page_fans:lifetime')
};
constexpr PeriodName k_periods[] = {
    {"Lifetime ", "lifetime"}, {"Daily ", "day"}, {"Weekly ", "week"}, {"28 Days ", "days_28"}};

// Classic exports hold the Graph API's values as the API gives them, and the API gives a video's
// average watch time in milliseconds (30674 for a 126-second video) where the catalogue's
// post_video_avg_time_watched, like the content export's "Average Seconds viewed", is in seconds.
struct ApiUnit {
  std::string_view metric;
  double per_catalogue_unit;  // export units in one catalogue unit (1000 ms in a second)
};
constexpr ApiUnit k_api_units[] = {{"post_video_avg_time_watched", 1000}};

// A division, not a product with 0.001: 30674 / 1000 is the double nearest 30.674.
double per_catalogue_unit(std::string_view metric) {
  for (const ApiUnit& unit : k_api_units) {
    if (unit.metric == metric) return unit.per_catalogue_unit;
  }
  return 1;
}

// The description row: every cell empty or starting with the period it describes.
constexpr std::string_view k_description_starts[] = {"Lifetime:", "Daily:", "Weekly:", "28 Days:"};

// Duplicate titles differ only in how their description ends; the catalogue names the two forms
// '<Title> (Unique Users)' and '<Title> (Total Count)'.
constexpr std::string_view k_description_kinds[] = {"(Unique Users)", "(Total Count)"};

bool starts_with_ascii_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char a = text[i], b = prefix[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a + 32);
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b + 32);
    if (a != b) return false;
  }
  return true;
}

// 'page_get_directions_clicks_logged_in_count:day': an API metric id and one of its periods, which
// classic Page-level exports from 2014-02 on write in some description cells instead of text.
bool is_api_id(std::string_view cell) {
  const size_t colon = cell.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  const std::string_view id = cell.substr(0, colon);
  const bool id_chars = std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
  return id_chars && std::any_of(std::begin(k_periods), std::end(k_periods),
                                 [&](const auto& p) { return p.period == cell.substr(colon + 1); });
}

bool is_description_row(const CsvRecord& record) {
  for (const std::string& field : record.fields) {
    std::string_view cell = trim(field);
    if (cell.empty()) continue;
    bool described = is_api_id(cell);
    for (std::string_view start : k_description_starts) described |= cell.starts_with(start);
    if (!described) return false;
  }
  return true;
}

std::string_view description_kind(std::string_view description) {
  description = trim(description);
  for (std::string_view kind : k_description_kinds) {
    if (description.ends_with(kind)) return kind;
  }
  return {};
}

bool lists_period(std::string_view periods, std::string_view period) {
  while (!periods.empty()) {
    size_t comma = periods.find(',');
    if (trim(periods.substr(0, comma)) == period) return true;
    if (comma == std::string_view::npos) break;
    periods.remove_prefix(comma + 1);
  }
  return false;
}

// What one metric column becomes. Views point into the catalogue or k_periods, which outlive
// the read; 'key' is owned, and only viewed once the plan vector is complete.
struct ColumnPlan {
  size_t column = 0;
  std::string_view metric;
  std::string_view period;
  std::string_view dimension;  // "" for a single-value metric
  std::string key;
  bool stock = false;  // a level (total likes): never negative
  double divisor = 1;  // per_catalogue_unit(metric); k_api_units lists post metrics only
};

// Resolves classic titles against the catalogue for one scope ("page" or "post").
class TitleResolver {
 public:
  TitleResolver(const Catalog& catalog, std::string_view scope)
      : m_catalog(catalog), m_scope(scope) {}

  // The plan for a title ('Daily New Likes', 'Lifetime Likes by City - Barcelona, Cataluña,
  // Spain', 'page_fans:lifetime'), or nullopt when it does not name a catalogue metric of this
  // scope in a period the metric has. 'kind' is the description's '(Unique Users)' or
  // '(Total Count)', tried first.
  std::optional<ColumnPlan> resolve(std::string_view title, std::string_view kind) const {
    title = trim(title);
    if (auto plan = resolve_api_id(title)) return plan;
    for (const PeriodName& name : k_periods) {
      if (!starts_with_ascii_nocase(title, name.title_prefix)) continue;
      return resolve_named(trim(title.substr(name.title_prefix.size())), name.period, kind);
    }
    return std::nullopt;
  }

 private:
  // 'page_fans:lifetime' (2017 exports named columns by API id): the period follows the colon.
  std::optional<ColumnPlan> resolve_api_id(std::string_view title) const {
    size_t colon = title.rfind(':');
    if (colon == std::string_view::npos || title.find(' ') != std::string_view::npos) {
      return std::nullopt;
    }
    std::string_view suffix = title.substr(colon + 1);
    for (const PeriodName& name : k_periods) {
      if (suffix != name.period) continue;
      const MetricAlias* alias = m_catalog.metric_alias("api_id", title.substr(0, colon));
      // A keyed metric under its bare id would lose its key: never read it as a single value.
      if (alias && alias->dimension.empty() && fits(*alias, name.period)) {
        return ColumnPlan{0, alias->metric, name.period, {}, {}};
      }
    }
    return std::nullopt;
  }

  // 'New Likes' or 'Likes by City - Barcelona, Cataluña, Spain' once the period prefix is off.
  std::optional<ColumnPlan> resolve_named(std::string_view rest, std::string_view period,
                                          std::string_view kind) const {
    if (const MetricAlias* alias = lookup(rest, period, kind)) {
      if (alias->dimension.empty() || !alias->key.empty()) {
        return ColumnPlan{0, alias->metric, period_of(*alias, period), alias->dimension,
                          alias->key};
      }
    }
    // '<Title> - <key>': the first ' - ' whose left part is a keyed metric. Keys may hold
    // ' - ', commas and any letters; they are kept as written.
    for (size_t dash = rest.find(" - "); dash != std::string_view::npos;
         dash = rest.find(" - ", dash + 1)) {
      const MetricAlias* alias = lookup(trim(rest.substr(0, dash)), period, kind);
      if (!alias || alias->dimension.empty()) continue;
      std::string_view key = trim(rest.substr(dash + 3));
      if (key.empty()) return std::nullopt;
      return ColumnPlan{0, alias->metric, period_of(*alias, period), alias->dimension,
                        std::string(key)};
    }
    return std::nullopt;
  }

  // The alias for 'text' that fits this file: '<text> <kind>' first, then 'text'.
  const MetricAlias* lookup(std::string_view text, std::string_view period,
                            std::string_view kind) const {
    if (!kind.empty()) {
      std::string qualified(text);
      qualified += ' ';
      qualified += kind;
      const MetricAlias* alias = m_catalog.metric_alias(k_alias_context, qualified);
      if (alias && fits(*alias, period)) return alias;
    }
    const MetricAlias* alias = m_catalog.metric_alias(k_alias_context, text);
    return alias && fits(*alias, period) ? alias : nullptr;
  }

  // The same words name a Page metric in one file and a post metric in another ('Total Video
  // Views'), and a fixed-period alias only holds for that period: anything else is not this
  // metric, so the column is skipped rather than misread.
  bool fits(const MetricAlias& alias, std::string_view period) const {
    if (alias.period != "*" && alias.period != period) return false;
    const MetricInfo* info = m_catalog.metric(alias.metric);
    return info && info->scope == m_scope && lists_period(info->periods, period);
  }

  static std::string_view period_of(const MetricAlias& alias, std::string_view period) {
    return alias.period == "*" ? period : std::string_view(alias.period);
  }

  const Catalog& m_catalog;
  std::string_view m_scope;
};

// Reads one classic file: the header (and description row) into plans, then the rows.
class ClassicReader {
 public:
  ClassicReader(RecordStream& stream, Layout layout, const ExportContext& context, RecordSink& sink)
      : m_stream(stream),
        m_context(context),
        m_sink(sink),
        m_page_level(layout == Layout::classic_page),
        // Excel writes ';' between fields where ',' is the decimal separator.
        m_decimal_comma(stream.reader().delimiter() == ';') {}

  Result<ExportSummary> run() {
    if (m_page_level && !m_context.page_id) {
      return fail(
          ExitCode::usage,
          at(m_context.file, 0, "this file does not say which Page it belongs to; give --page ID"));
    }
    if (auto header = read_header(); !header) return tl::unexpected(header.error());
    plan_dates();
    if (m_page_level) {
      if (auto page = start_page(*m_context.page_id); !page) return tl::unexpected(page.error());
    }

    CsvRecord row;
    for (;;) {
      auto got = m_stream.next(row);
      if (!got) return tl::unexpected(got.error());
      if (!*got) break;
      if (row.blank()) continue;
      auto done = m_page_level ? page_row(row) : post_row(row);
      if (!done) return tl::unexpected(done.error());
    }
    m_summary.page_id = m_page_id.empty() ? m_context.page_id.value_or("") : m_page_id;
    return std::move(m_summary);
  }

 private:
  struct Identity {
    std::optional<size_t> date, post_id, permalink, message, type, created_time;
  };

  Status read_header() {
    do {
      auto got = m_stream.next(m_header);
      if (!got) return tl::unexpected(got.error());
      if (!*got) return fail(ExitCode::data, at(m_context.file, 0, "the file holds no data"));
    } while (m_header.blank());

    // The description row may have been deleted by whoever re-saved the file: look, never assume.
    CsvRecord descriptions;
    auto second = m_stream.peek(0);
    if (!second) return tl::unexpected(second.error());
    if (*second && is_description_row(**second)) {
      if (auto got = m_stream.next(descriptions); !got) return tl::unexpected(got.error());
    }
    plan_columns(descriptions);
    if (m_page_level && !m_identity.date) return missing_column("Date");
    if (!m_page_level && !m_identity.post_id) return missing_column("Post ID");
    return {};
  }

  // A Page-level file has a row per day; a post's 'Posted' is written by Meta month-first with a
  // 12-hour clock ('06/04/2014 04:03:05 PM').
  void plan_dates() {
    std::optional<size_t> column = m_page_level ? m_identity.date : m_identity.created_time;
    if (!column) return;
    m_dates.emplace(m_context.file, std::string(trim(m_header[*column])), *column,
                    m_page_level ? DateKind::days : DateKind::times,
                    m_page_level ? std::nullopt : std::optional(DateOrder::month_first));
  }

  // Resolves every column once: identity columns by field alias, metric columns into m_plans;
  // what cannot be imported is summarised in the notes.
  void plan_columns(const CsvRecord& descriptions) {
    const Catalog& catalog = *m_context.catalog;
    TitleResolver resolver(catalog, m_page_level ? "page" : "post");
    std::set<std::tuple<std::string_view, std::string_view, std::string>> seen;
    long unknown = 0, repeated = 0;
    std::string first_unknown, first_repeated;
    // A keyed metric's description sits above its first key column only: the key columns after
    // it carry an empty description and inherit its kind.
    std::string_view kind;
    for (size_t i = 0; i < m_header.size(); ++i) {
      std::string_view title = trim(m_header[i]);
      std::string_view description = trim(descriptions[i]);
      if (!description.empty()) kind = description_kind(description);
      if (title.empty()) continue;
      if (auto field = catalog.field(k_field_context, title)) {
        assign_identity(*field, i);
        continue;
      }
      // An API id in the description names the metric and period exactly, in no language.
      std::optional<ColumnPlan> plan;
      if (is_api_id(description)) plan = resolver.resolve(description, {});
      if (!plan) plan = resolver.resolve(title, kind);
      if (!plan) {
        if (unknown++ == 0) first_unknown = title;
        continue;
      }
      plan->column = i;
      plan->stock = catalog.is_stock(plan->metric);
      plan->divisor = per_catalogue_unit(plan->metric);
      if (!seen.emplace(plan->metric, plan->period, plan->key).second) {
        if (repeated++ == 0) first_repeated = title;
        continue;
      }
      m_plans.push_back(std::move(*plan));
    }

    if (unknown > 0) {
      m_summary.notes.push_back(
          fmt::format("skipped {} of {} columns that are not in the metric catalogue (e.g. \"{}\")",
                      unknown, m_header.size(), first_unknown));
    }
    if (repeated > 0) {
      m_summary.notes.push_back(fmt::format(
          "skipped {} {} the metric and key of an earlier column (e.g. \"{}\")", repeated,
          repeated == 1 ? "column that repeats" : "columns that repeat", first_repeated));
    }
  }

  void assign_identity(const std::string& field, size_t column) {
    std::optional<size_t>* slot = field == "date"           ? &m_identity.date
                                  : field == "post_id"      ? &m_identity.post_id
                                  : field == "permalink"    ? &m_identity.permalink
                                  : field == "message"      ? &m_identity.message
                                  : field == "type"         ? &m_identity.type
                                  : field == "created_time" ? &m_identity.created_time
                                                            : nullptr;
    if (slot && !*slot) *slot = column;
  }

  Status missing_column(std::string_view title) const {
    return fail(ExitCode::data, at(m_context.file, m_header.line,
                                   fmt::format("no \"{}\" column in the header", title)));
  }

  // The file's Page is known: it is sent once, before any of its records.
  Status start_page(std::string page_id) {
    m_page_id = std::move(page_id);
    return m_sink.page(PageRecord{m_page_id, std::nullopt});
  }

  void note_date(Date date) {
    if (!m_summary.first_date || date < *m_summary.first_date) m_summary.first_date = date;
    if (!m_summary.last_date || date > *m_summary.last_date) m_summary.last_date = date;
  }

  // The cell's value; nullopt for an empty cell (missing, never 0).
  Result<std::optional<double>> value(const CsvRecord& row, size_t column) const {
    std::string_view cell = trim(row[column]);
    if (cell.empty()) return std::optional<double>();
    auto number = parse_number(cell, m_decimal_comma);
    // Classic exports write counts and fractions, never percentages: a '%' is not this file's.
    if (!number || number->percent) {
      return fail(ExitCode::data, at(m_context.file, row.line,
                                     fmt::format("column \"{}\": expected a number, got \"{}\"",
                                                 trim(m_header[column]), cell)));
    }
    return std::optional<double>(number->value);
  }

  Status page_row(const CsvRecord& row) {
    std::string_view cell = trim(row[*m_identity.date]);
    auto read = m_dates->date(row, m_stream);
    if (!read) return tl::unexpected(read.error());
    std::optional<Date> date = *read;
    if (!date) {
      return fail(ExitCode::data, at(m_context.file, row.line,
                                     fmt::format("column \"{}\": expected a date, got \"{}\"",
                                                 trim(m_header[*m_identity.date]), cell)));
    }
    note_date(*date);
    for (const ColumnPlan& plan : m_plans) {
      auto got = value(row, plan.column);
      if (!got) return tl::unexpected(got.error());
      if (!*got) continue;
      if (plan.stock && **got < 0) {
        return negative_total(m_context.file, row.line, trim(m_header[plan.column]), **got);
      }
      Status sent;
      if (plan.dimension.empty()) {
        sent =
            m_sink.page_metric(PageMetricRecord{m_page_id, plan.metric, plan.period, *date, *got});
        ++m_summary.counts.page_metrics;
      } else {
        sent = m_sink.breakdown(BreakdownRecord{m_page_id, plan.metric, plan.period, *date,
                                                plan.dimension, plan.key, *got, Unit::count});
        ++m_summary.counts.breakdowns;
      }
      if (!sent) return sent;
    }
    return {};
  }

  // The cell as written, or nullopt when the column is absent or the cell blank.
  static std::optional<std::string> text(const CsvRecord& row, std::optional<size_t> column) {
    if (!column || trim(row[*column]).empty()) return std::nullopt;
    return row[*column];
  }

  Status post_row(const CsvRecord& row) {
    const std::string_view title = trim(m_header[*m_identity.post_id]);
    const std::string_view post_id = trim(row[*m_identity.post_id]);
    // '<pageid>_<postid>', as the Graph API names posts.
    size_t underscore = post_id.find('_');
    if (underscore == 0 || underscore == std::string_view::npos ||
        underscore + 1 == post_id.size()) {
      return fail(
          ExitCode::data,
          at(m_context.file, row.line,
             fmt::format("column \"{}\": expected PAGEID_POSTID, got \"{}\"", title, post_id)));
    }
    std::string_view page_id = post_id.substr(0, underscore);
    // A Page given with --page must be the file's; a default Page (the store's only one) yields.
    if (m_context.page_given && m_context.page_id && page_id != *m_context.page_id) {
      return fail(ExitCode::data, at(m_context.file, row.line,
                                     fmt::format("post {} belongs to Page {}, not to --page {}",
                                                 post_id, page_id, *m_context.page_id)));
    }
    if (m_page_id.empty()) {
      if (auto page = start_page(std::string(page_id)); !page) return page;
    } else if (page_id != m_page_id) {
      return fail(
          ExitCode::data,
          at(m_context.file, row.line,
             fmt::format("post {} belongs to Page {}, not to Page {} like the posts above it",
                         post_id, page_id, m_page_id)));
    }

    PostRecord post;
    post.post_id = post_id;
    post.page_id = m_page_id;
    if (m_identity.created_time) {
      std::string_view posted = trim(row[*m_identity.created_time]);
      if (!posted.empty()) {
        auto read = m_dates->time(row, m_stream);
        if (!read) return tl::unexpected(read.error());
        post.created_time = *read;
        std::optional<Date> day =
            post.created_time ? Date::parse_iso(std::string_view(*post.created_time).substr(0, 10))
                              : std::nullopt;
        if (!day) {
          return fail(ExitCode::data,
                      at(m_context.file, row.line,
                         fmt::format("column \"{}\": expected a date and time, got \"{}\"",
                                     trim(m_header[*m_identity.created_time]), posted)));
        }
        note_date(*day);
      }
    }
    post.message = text(row, m_identity.message);  // as written: line breaks are the author's
    if (auto type = text(row, m_identity.type)) post.type = std::string(trim(*type));
    if (auto permalink = text(row, m_identity.permalink))
      post.permalink = std::string(trim(*permalink));
    if (auto sent = m_sink.post(post); !sent) return sent;
    ++m_summary.counts.posts;

    for (const ColumnPlan& plan : m_plans) {
      auto got = value(row, plan.column);
      if (!got) return tl::unexpected(got.error());
      if (!*got) continue;
      if (auto sent = m_sink.post_metric(
              PostMetricRecord{post.post_id, plan.metric, plan.key, **got / plan.divisor});
          !sent) {
        return sent;
      }
      ++m_summary.counts.post_metrics;
    }
    return {};
  }

  RecordStream& m_stream;
  const ExportContext& m_context;
  RecordSink& m_sink;
  const bool m_page_level;
  const bool m_decimal_comma;
  CsvRecord m_header;
  Identity m_identity;
  std::optional<DateColumn> m_dates;  // the Page-level 'Date' or the posts' 'Posted'
  std::vector<ColumnPlan> m_plans;
  std::string m_page_id;
  ExportSummary m_summary;
};

}  // namespace

Result<ExportSummary> read_classic(RecordStream& stream, Layout layout,
                                   const ExportContext& context, RecordSink& sink) {
  return ClassicReader(stream, layout, context, sink).run();
}

}  // namespace pageaudit
