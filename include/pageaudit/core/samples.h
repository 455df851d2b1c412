// Where pageaudit finds the samples it ships (the demo's café).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pageaudit {

// The samples/ folder: $PAGEAUDIT_SAMPLES, else beside the installed binary
// (<prefix>/share/pageaudit/samples), else the source tree it was built from; nullopt when none
// of them exists.
std::optional<std::string> find_samples_dir();

// The business's own files the samples folder has, each with its kind for import --as:
// {"DIR/customers.csv", "customers"}, {"DIR/time_log.csv", "time"}, {"DIR/outcomes.csv",
// "outcomes"}, those that exist, in that order.
std::vector<std::pair<std::string, std::string>> sample_tables(const std::string& samples_dir);

}  // namespace pageaudit
