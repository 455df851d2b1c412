// Business Suite content (posts) exports: one header row, one row per post with lifetime totals
// as of the export day; columns matched by name in any UI language, never by position.
#include <set>

#include "pageaudit/input/export.h"

namespace pageaudit {
namespace {

struct Column {
  enum class Role { ignore, field, metric } role = Role::ignore;
  std::string field;                   // for Role::field
  const MetricAlias* alias = nullptr;  // for Role::metric
  std::string header;
};

// A post id as the Graph API spells it: '<pageid>_<postid>'. Exports write the bare post id.
std::string graph_post_id(const std::string& page_id, std::string_view post_id) {
  if (post_id.find('_') != std::string_view::npos || page_id.empty()) return std::string(post_id);
  return page_id + "_" + std::string(post_id);
}

std::optional<std::string> non_empty(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  return std::string(text);
}

}  // namespace

Result<ExportSummary> read_mbs_content(RecordStream& stream, const ExportContext& context,
                                       RecordSink& sink) {
  ExportSummary summary;
  const Catalog& catalog = *context.catalog;

  CsvRecord header;
  for (;;) {
    auto got = stream.next(header);
    if (!got) return tl::unexpected(got.error());
    if (!*got) return fail(ExitCode::data, at(context.file, 0, "no header row"));
    if (!header.blank()) break;
  }

  std::vector<Column> columns(header.size());
  std::set<std::pair<std::string, std::string>> seen_metrics;
  std::vector<std::string> unknown, duplicates;
  int post_id_col = -1, page_id_col = -1, comment_col = -1;
  for (size_t i = 0; i < header.size(); ++i) {
    Column& col = columns[i];
    col.header = std::string(trim(header[i]));
    if (auto field = catalog.field("content", col.header)) {
      col.role = Column::Role::field;
      col.field = *field;
      if (*field == "post_id" && post_id_col < 0) post_id_col = static_cast<int>(i);
      if (*field == "page_id" && page_id_col < 0) page_id_col = static_cast<int>(i);
      if (*field == "data_comment") comment_col = static_cast<int>(i);
    } else if (const MetricAlias* alias = catalog.metric_alias("content_column", col.header)) {
      // A file can carry the same column twice ('Views' in 2025 exports): the first one counts.
      if (!seen_metrics.insert({alias->metric, alias->key}).second) {
        duplicates.push_back(col.header);
        continue;
      }
      col.role = Column::Role::metric;
      col.alias = alias;
    } else if (!col.header.empty()) {
      unknown.push_back(col.header);
    }
  }
  if (post_id_col < 0)
    return fail(ExitCode::data, at(context.file, header.line, "no \"Post ID\" column"));
  // 'Publish time' is month-first in every UI language ('03/07/2026 13:45' in a Spanish export).
  std::optional<DateColumn> publish_time;
  for (size_t i = 0; i < columns.size() && !publish_time; ++i) {
    if (columns[i].role == Column::Role::field && columns[i].field == "created_time") {
      publish_time.emplace(context.file, columns[i].header, i, DateKind::times,
                           DateOrder::month_first);
      columns[i].field = "publish_time";  // later columns of the same name are not read
    }
  }

  std::string page_id = context.page_given ? *context.page_id : std::string();
  bool page_sent = false;
  long error_rows = 0;
  std::string first_error_comment;
  std::set<std::string> posts_seen;

  CsvRecord row;
  for (;;) {
    auto got = stream.next(row);
    if (!got) return tl::unexpected(got.error());
    if (!*got) break;
    if (row.blank()) continue;

    std::string_view post_id = trim(row[static_cast<size_t>(post_id_col)]);
    if (post_id.empty()) {
      // Meta writes rows for content it failed to compute, with an explanation and no id.
      ++error_rows;
      if (first_error_comment.empty() && comment_col >= 0) {
        first_error_comment = std::string(trim(row[static_cast<size_t>(comment_col)]));
      }
      continue;
    }
    if (page_id_col >= 0) {
      std::string_view row_page = trim(row[static_cast<size_t>(page_id_col)]);
      if (!row_page.empty()) {
        if (context.page_given && context.page_id && row_page != *context.page_id) {
          return fail(ExitCode::data, at(context.file, row.line,
                                         fmt::format("post {} belongs to Page {}, not to --page {}",
                                                     post_id, row_page, *context.page_id)));
        }
        if (page_id.empty() || !context.page_given) page_id = std::string(row_page);
      }
    }
    if (page_id.empty()) {
      auto page = require_page(context);
      if (!page) return tl::unexpected(page.error());
      page_id = *page;
    }

    PostRecord post;
    post.post_id = graph_post_id(page_id, post_id);
    post.page_id = page_id;
    std::optional<std::string> page_name;
    for (size_t i = 0; i < columns.size(); ++i) {
      const Column& col = columns[i];
      if (col.role != Column::Role::field) continue;
      std::string_view cell = row[i];
      if (col.field == "publish_time") {
        if (trim(cell).empty()) continue;
        auto read = publish_time->time(row, stream);
        if (!read) return tl::unexpected(read.error());
        post.created_time = *read;
        if (!post.created_time) {
          return fail(ExitCode::data,
                      at(context.file, row.line,
                         fmt::format("column \"{}\": expected a date and time, got \"{}\"",
                                     col.header, trim(cell))));
        }
      } else if (col.field == "type") {
        post.type = non_empty(cell);
      } else if (col.field == "title") {
        post.title = non_empty(cell);
      } else if (col.field == "message") {
        post.message = non_empty(cell);
      } else if (col.field == "permalink") {
        post.permalink = non_empty(cell);
      } else if (col.field == "page_name") {
        page_name = non_empty(cell);
      }
    }

    if (!page_sent) {
      if (auto s = sink.page(PageRecord{page_id, page_name}); !s) return tl::unexpected(s.error());
      page_sent = true;
    }
    if (auto s = sink.post(post); !s) return tl::unexpected(s.error());
    if (posts_seen.insert(post.post_id).second) ++summary.counts.posts;
    if (post.created_time) {
      auto day = Date::parse_iso(std::string_view(*post.created_time).substr(0, 10));
      if (day && (!summary.first_date || *day < *summary.first_date)) summary.first_date = day;
      if (day && (!summary.last_date || *day > *summary.last_date)) summary.last_date = day;
    }

    for (size_t i = 0; i < columns.size(); ++i) {
      const Column& col = columns[i];
      if (col.role != Column::Role::metric) continue;
      auto value = number_cell(context.file, row.line, col.header, row[i]);
      if (!value) return tl::unexpected(value.error());
      if (!*value) continue;
      PostMetricRecord metric{post.post_id, col.alias->metric, col.alias->key, *value};
      if (auto s = sink.post_metric(metric); !s) return tl::unexpected(s.error());
      ++summary.counts.post_metrics;
    }
  }

  if (posts_seen.empty()) {
    return fail(ExitCode::data, at(context.file, 0, "no post with a Post ID in the file"));
  }
  if (error_rows > 0) {
    summary.notes.push_back(fmt::format(
        "skipped {} row{} without a post ID{}", error_rows, error_rows == 1 ? "" : "s",
        first_error_comment.empty() ? std::string()
                                    : fmt::format(" (Meta: \"{}\")", first_error_comment)));
  }
  if (!duplicates.empty()) {
    summary.notes.push_back(fmt::format(
        "column \"{}\" appears more than once; the first one was imported", duplicates.front()));
  }
  if (!unknown.empty()) {
    summary.notes.push_back(
        fmt::format("skipped {} column{} not in the metric catalogue (e.g. \"{}\")", unknown.size(),
                    unknown.size() == 1 ? "" : "s", unknown.front()));
  }
  summary.page_id = page_id;
  return summary;
}

}  // namespace pageaudit
