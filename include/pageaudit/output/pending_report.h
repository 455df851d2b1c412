// A report made before its audit is recorded and delivered only once the audit is.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "pageaudit/core/atomic_file.h"
#include "pageaudit/core/error.h"

namespace pageaudit {

// For a file (--output), the report is staged beside it (core/atomic_file.h), so that no report
// appears for an audit that was not recorded (a full disk, exit 73) and a failed run leaves the
// old one; for standard output it is kept in memory. Move-only.
class PendingReport {
 public:
  using Print = std::function<void(const std::string&)>;

  // path nullopt: standard output. what names the report in the note deliver() gives ("the
  // audit of Page 1"). Errors: AtomicFile::stage's.
  static Result<PendingReport> stage(const std::optional<std::string>& path, std::string text,
                                     std::string what);

  // Puts the file in place and calls note("wrote WHAT to PATH"), or calls print(text) without the
  // text's last newline. Errors: AtomicFile::commit's.
  Status deliver(const Print& print, const Print& note);

 private:
  PendingReport(std::optional<AtomicFile> file, std::string text, std::string what)
      : m_file(std::move(file)), m_text(std::move(text)), m_what(std::move(what)) {}

  std::optional<AtomicFile> m_file;
  std::string m_text;  // for standard output
  std::string m_what;
};

// With --all-pages --format html each report is named PAGE_ID.html after its Page; an id from a
// file (import --page takes any text) must not name a path outside the folder. Errors:
// ExitCode::data, saying how to audit that Page instead.
Status check_report_file_name(std::string_view page_id);

}  // namespace pageaudit
