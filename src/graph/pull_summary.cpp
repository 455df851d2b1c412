// The pull's summary line and failure list, for the command to print.
#include "pageaudit/graph/pull_summary.h"

#include <algorithm>

#include "pageaudit/core/messages.h"

namespace pageaudit {
std::string pull_summary(const PullReport& report, double seconds) {
  long values = 0, posts = 0, post_metrics = 0, comments = 0, skipped = 0;
  size_t complete = 0;
  for (const PageReport& page : report.pages) {
    values += page.values;
    posts += page.posts;
    post_metrics += page.post_metrics;
    comments += page.comments;
    skipped += page.comments_skipped;
    if (page.code == ExitCode::ok) ++complete;
  }
  std::string pages = complete == report.pages.size()
                          ? plural(static_cast<long>(complete), "Page", "Pages")
                          : fmt::format("{} of {} Pages", complete, report.pages.size());
  // Comments Meta sent without an id or a time are not stored: the owner hears how many.
  const std::string skipped_comments = skipped == 0
                                           ? ""
                                           : fmt::format(", {} without an id or time skipped",
                                                         plural(skipped, "comment", "comments"));
  return fmt::format("pulled {}: {}, {}, {}, {}{} ({}, {:.1f} s)", pages,
                     plural(values, "value", "values"), plural(posts, "post", "posts"),
                     plural(post_metrics, "post metric", "post metrics"),
                     plural(comments, "comment", "comments"), skipped_comments,
                     plural(report.http_requests, "request", "requests"), seconds);
}

std::vector<std::string> pull_failures(const PullReport& report) {
  const ExitCode code = report.code();
  if (code == ExitCode::ok) return {};
  std::string worst;
  for (const PageReport& page : report.pages) {
    if (page.code == code) {
      worst = page.message;
      break;
    }
  }
  std::vector<std::string> out;
  for (const PageReport& page : report.pages) {
    if (page.code != ExitCode::ok && page.message != worst &&
        std::find(out.begin(), out.end(), page.message) == out.end()) {
      out.push_back(page.message);
    }
  }
  out.push_back(worst);
  return out;
}

}  // namespace pageaudit
