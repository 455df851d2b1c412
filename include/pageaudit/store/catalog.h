// Loading the metric catalogue and its alias tables (sql/migrations/0002_catalog.sql) from the
// store into the input layer's Catalog.
#pragma once

#include "pageaudit/audit/figures.h"
#include "pageaudit/core/error.h"
#include "pageaudit/input/catalog.h"

namespace pageaudit {

class Database;

// Loads metric_catalog (by metric), metric_aliases and field_aliases.
Result<Catalog> load_catalog(Database& db);

// The series breaks, from the catalogue's retired_since; an error (70) when it lacks one.
Result<SeriesBreaks> load_series_breaks(Database& db);

}  // namespace pageaudit
