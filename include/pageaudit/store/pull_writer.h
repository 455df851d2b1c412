// The pull's writer: what PullStore's thread does with the work queued to it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pageaudit/core/error.h"
#include "pageaudit/graph/pull_records.h"

namespace pageaudit {

class Database;

// One piece of the pull's queued work (one PullSink call).
struct PullOp {
  enum class Kind { begin, write, unavailable, finish } kind;
  std::string page_id;
  std::vector<PullChunk> chunks;     // write
  std::string metric;                // unavailable
  std::string message;               // unavailable
  PageOutcome outcome;               // finish
  std::optional<Date> first_wanted;  // begin
};

// Writes queued pull work into the store, with its statements prepared on first use (see
// PullStore for how rows are tagged and replaced). Used by one thread at a time.
class PullWriter {
 public:
  PullWriter(Database& db, std::string as_of, bool keep_pii);
  ~PullWriter();
  PullWriter(const PullWriter&) = delete;
  PullWriter& operator=(const PullWriter&) = delete;

  // Everything in `ops` in one transaction, in order; the first error, if any (the transaction
  // is then rolled back).
  Status apply(std::vector<PullOp>& ops);

 private:
  class Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace pageaudit
