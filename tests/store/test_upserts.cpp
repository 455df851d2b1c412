// The page-data upserts both writers share.
#include <doctest/doctest.h>

#include "pageaudit/store/upserts.h"

using namespace pageaudit;

TEST_CASE("a dated upsert replaces a value only with one as of the same day or later") {
  CHECK(upsert_sql(k_post_metrics, "(?1, ?2, ?3, ?4, ?5, ?6, ?7)") ==
        "INSERT INTO post_metrics(post_id, metric, key, value, source, as_of, run_id) VALUES "
        "(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(post_id, metric, key) DO UPDATE SET "
        "value = excluded.value, source = excluded.source, as_of = excluded.as_of, "
        "run_id = excluded.run_id WHERE excluded.as_of >= post_metrics.as_of");
}

TEST_CASE("an upsert without an update leaves an existing row as it is") {
  CHECK(upsert_sql(k_page_listed, "(?1, 'graph', ?2)") ==
        "INSERT INTO pages(page_id, source, updated_at) VALUES (?1, 'graph', ?2) "
        "ON CONFLICT(page_id) DO NOTHING");
}

TEST_CASE("plain and ignoring inserts take the writer's rows as they are") {
  CHECK(insert_sql(k_page_metrics, "(?1, ?2, ?3, ?4, ?5, NULL, ?6, ?7, ?8)") ==
        "INSERT INTO page_metrics(page_id, metric, period, date, value, end_time, source, as_of, "
        "run_id) VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6, ?7, ?8)");
  CHECK(insert_or_ignore_sql(k_post_metrics,
                             "(?3, ?4, ?5, ?6, 'graph', ?1, ?2), (?7, ?8, ?9, "
                             "?10, 'graph', ?1, ?2)") ==
        "INSERT OR IGNORE INTO post_metrics(post_id, metric, key, value, source, as_of, run_id) "
        "VALUES (?3, ?4, ?5, ?6, 'graph', ?1, ?2), (?7, ?8, ?9, ?10, 'graph', ?1, ?2)");
}
