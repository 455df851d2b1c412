// The page-data tables both writers fill, the import's StoreSink and the pull's PullWriter: each
// table's columns and what happens when a row's key is already stored, written once. Each writer
// keeps its own VALUES rows (its parameters, its literals) and its own bulk strategy.
#pragma once

#include <string>
#include <string_view>

namespace pageaudit {

struct Upsert {
  std::string_view table;    // "page_metrics"
  std::string_view columns;  // "page_id, metric, ..."
  std::string_view key;      // the conflict target: "page_id, metric, period, date"
  std::string_view update;   // "value = excluded.value, ..."; empty: DO NOTHING
  // The rule of the dated tables: a stored value is replaced only by one from an export (or a
  // pull) of the same day or later, so that an older export imported late rolls nothing back.
  bool newer_only = false;
};

// A Page listed by a row that names only it: an existing Page is left as it is.
extern const Upsert k_page_listed;
// A Page named by an export: a missing name keeps the stored one.
extern const Upsert k_page_named;
// A Page as the Graph API describes it: each missing field keeps the stored one.
extern const Upsert k_page_described;
extern const Upsert k_page_metrics;
extern const Upsert k_page_metric_breakdowns;
extern const Upsert k_posts;
extern const Upsert k_post_metrics;
// A comment as pulled: each missing author field keeps the stored one (a run without --keep-pii
// keeps clear values an earlier run stored).
extern const Upsert k_comments;

// "INSERT INTO table(columns) VALUES " + rows: a plain insert, failing on an existing key.
std::string insert_sql(const Upsert& upsert, std::string_view rows);
// The same as INSERT OR IGNORE: rows whose key exists are left out.
std::string insert_or_ignore_sql(const Upsert& upsert, std::string_view rows);
// insert_sql() followed by the table's ON CONFLICT clause, for one row.
std::string upsert_sql(const Upsert& upsert, std::string_view row);

}  // namespace pageaudit
