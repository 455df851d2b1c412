// Reading an export in a test as pageaudit import does (layout detection, then the reader), with
// every record the reader sends written as one line of text, so that a test compares all of a
// reader's output with one string worked out by hand.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pageaudit/input/export.h"

namespace pageaudit::test {

// The catalogue as the migrations seed it, so the real aliases are exercised.
const Catalog& seeded_catalog();

struct ExportRead {
  Result<ExportSummary> summary;
  Layout layout = Layout::unknown;
  // One line a record, in the order sent; values as fmt writes a double ("14", "10.6"), "-" for
  // none:
  //   page PAGE NAME
  //   metric PAGE METRIC PERIOD DATE VALUE
  //   breakdown PAGE METRIC PERIOD DATE DIMENSION "KEY" VALUE UNIT
  //   post POST PAGE CREATED TYPE | TITLE | MESSAGE | PERMALINK
  //   post_metric POST METRIC "KEY" VALUE
  std::string records;
};

// read_export on a file, exported on 'as_of', for --page 'page' (nullopt: no Page known).
ExportRead read_export_file(const std::string& path, Date as_of,
                            std::optional<std::string> page = std::string("123"));
// The same on bytes, named 'name' in messages.
ExportRead read_export_bytes(std::string bytes, Date as_of,
                             std::optional<std::string> page = std::string("123"),
                             const std::string& name = "export.csv");

// read_export_file on tests/data/mbs/NAME, which must be read without an error.
ExportRead read_mbs_file(const char* name, Date as_of,
                         std::optional<std::string> page = std::string("123"));

// The message of a refused read (fails the test when the read succeeded).
std::string error_of(const ExportRead& read);

struct RefusedCase {
  const char* what;
  std::string bytes;
  std::string message;  // exactly, "export.csv:LINE: what"
};
// CHECKs that each case, read as export.csv for --page 123 exported on 'as_of', is refused with
// its message and exit code 65 (data).
void check_refused(Date as_of, const std::vector<RefusedCase>& cases);

}  // namespace pageaudit::test
