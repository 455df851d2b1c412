// A report delivered once its audit is recorded: a staged file put in place, or standard output.
#include "pageaudit/output/pending_report.h"

#include <fmt/format.h>

namespace pageaudit {

Result<PendingReport> PendingReport::stage(const std::optional<std::string>& path, std::string text,
                                           std::string what) {
  if (!path) return PendingReport(std::nullopt, std::move(text), std::move(what));
  auto file = AtomicFile::stage(*path, text);
  if (!file) return tl::unexpected(file.error());
  return PendingReport(std::move(*file), {}, std::move(what));
}

Status PendingReport::deliver(const Print& print, const Print& note) {
  if (!m_file) {
    if (!m_text.empty() && m_text.back() == '\n') m_text.pop_back();
    print(m_text);
    return {};
  }
  if (auto s = m_file->commit(); !s) return s;
  note(fmt::format("wrote {} to {}", m_what, m_file->path()));
  return {};
}

Status check_report_file_name(std::string_view page_id) {
  if (page_id.empty() || page_id == "." || page_id == ".." ||
      page_id.find('/') != std::string_view::npos) {
    return failf(ExitCode::data,
                 "Page id \"{}\" cannot name a report file; audit it with --page ID --output FILE",
                 page_id);
  }
  return {};
}

}  // namespace pageaudit
