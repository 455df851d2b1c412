// The bodies of the libFuzzer targets as plain functions, so that the inputs a fuzzer once crashed
// on are replayed by the doctest suite with any compiler (tests/fuzz/test_fuzz_regressions.cpp).
#pragma once

#include <string_view>

namespace pageaudit::fuzz {

// Each function reads 'data' the way its part of pageaudit reads an untrusted input and returns
// normally for every input, valid or not: a rejected input is an Error result, never a crash.
// A crash, a sanitizer report, an uncaught exception or a hang is a bug in the code under test.

// CsvReader::from_bytes over the bytes, then every record, and each field through values.h and
// the date and time forms of export.h.
void fuzz_csv(std::string_view data);
// read_export (layout detection and the layout's reader) into a sink that reads every byte the
// records point to, with the catalogue of a fresh in-memory store; once as 'import --page ID',
// once as 'import --metric page_follows' without a Page.
void fuzz_layout(std::string_view data);
// Every parse_* function of graph/parse.h, the bodies of a parsed batch again, and
// strip_access_token.
void fuzz_graph_json(std::string_view data);
// parse_goals, as 'audit --goals' reads a goals file.
void fuzz_goals(std::string_view data);

struct Target {
  const char* name;  // the fuzzer's name, and the folder of its inputs under tests/fuzz/
  void (*run)(std::string_view data);
};

inline constexpr Target k_targets[] = {
    {"fuzz_csv", fuzz_csv},
    {"fuzz_layout", fuzz_layout},
    {"fuzz_graph_json", fuzz_graph_json},
    {"fuzz_goals", fuzz_goals},
};

}  // namespace pageaudit::fuzz
