// The page-data upserts, one per table.
#include "pageaudit/store/upserts.h"

namespace pageaudit {
namespace {

// What a dated row carries along with its values when it replaces another.
constexpr std::string_view k_provenance =
    "source = excluded.source, as_of = excluded.as_of, run_id = excluded.run_id";

std::string insert_into(std::string_view verb, const Upsert& upsert, std::string_view rows) {
  std::string sql(verb);
  sql += " INTO ";
  sql += upsert.table;
  sql += '(';
  sql += upsert.columns;
  sql += ") VALUES ";
  sql += rows;
  return sql;
}

}  // namespace

const Upsert k_page_listed{"pages", "page_id, source, updated_at", "page_id", ""};

const Upsert k_page_named{
    "pages", "page_id, name, source, updated_at", "page_id",
    "name = coalesce(excluded.name, pages.name), updated_at = excluded.updated_at"};

const Upsert k_page_described{
    "pages",
    "page_id, name, username, category, link, followers_count, fan_count, source, updated_at",
    "page_id",
    "name = coalesce(excluded.name, pages.name), "
    "username = coalesce(excluded.username, pages.username), "
    "category = coalesce(excluded.category, pages.category), "
    "link = coalesce(excluded.link, pages.link), "
    "followers_count = coalesce(excluded.followers_count, pages.followers_count), "
    "fan_count = coalesce(excluded.fan_count, pages.fan_count), source = excluded.source, "
    "updated_at = excluded.updated_at"};

const Upsert k_page_metrics{
    "page_metrics", "page_id, metric, period, date, value, end_time, source, as_of, run_id",
    "page_id, metric, period, date", "value = excluded.value, end_time = excluded.end_time", true};

const Upsert k_page_metric_breakdowns{
    "page_metric_breakdowns",
    "page_id, metric, period, date, dimension, key, value, unit, source, as_of, run_id",
    "page_id, metric, period, date, dimension, key", "value = excluded.value, unit = excluded.unit",
    true};

const Upsert k_posts{
    "posts",
    "post_id, page_id, created_time, type, title, message, permalink, source, as_of, run_id",
    "post_id",
    "created_time = coalesce(excluded.created_time, posts.created_time), "
    "type = coalesce(excluded.type, posts.type), title = coalesce(excluded.title, posts.title), "
    "message = coalesce(excluded.message, posts.message), "
    "permalink = coalesce(excluded.permalink, posts.permalink)",
    true};

const Upsert k_post_metrics{"post_metrics", "post_id, metric, key, value, source, as_of, run_id",
                            "post_id, metric, key", "value = excluded.value", true};

const Upsert k_comments{
    "comments",
    "comment_id, post_id, page_id, parent_id, created_time, author_hash, author_name_hash, "
    "author_id, author_name, from_page, source, as_of, run_id",
    "comment_id",
    "post_id = excluded.post_id, page_id = excluded.page_id, parent_id = excluded.parent_id, "
    "created_time = excluded.created_time, "
    "author_hash = coalesce(excluded.author_hash, comments.author_hash), "
    "author_name_hash = coalesce(excluded.author_name_hash, comments.author_name_hash), "
    "author_id = coalesce(excluded.author_id, comments.author_id), "
    "author_name = coalesce(excluded.author_name, comments.author_name), "
    "from_page = excluded.from_page",
    true};

std::string insert_sql(const Upsert& upsert, std::string_view rows) {
  return insert_into("INSERT", upsert, rows);
}

std::string insert_or_ignore_sql(const Upsert& upsert, std::string_view rows) {
  return insert_into("INSERT OR IGNORE", upsert, rows);
}

std::string upsert_sql(const Upsert& upsert, std::string_view row) {
  std::string sql = insert_sql(upsert, row);
  sql += " ON CONFLICT(";
  sql += upsert.key;
  sql += ") DO ";
  if (upsert.update.empty()) return sql + "NOTHING";
  sql += "UPDATE SET ";
  sql += upsert.update;
  if (upsert.newer_only) {
    sql += ", ";
    sql += k_provenance;
    sql += " WHERE excluded.as_of >= ";
    sql += upsert.table;
    sql += ".as_of";
  }
  return sql;
}

}  // namespace pageaudit
