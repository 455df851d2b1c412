// Tests for graph/pull_summary: the pull's closing line and the order of its failures.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "pageaudit/graph/pull_summary.h"

namespace pageaudit {
namespace {

PageReport page(const char* id, ExitCode code = ExitCode::ok, const char* message = "") {
  PageReport p;
  p.page_id = id;
  p.code = code;
  p.message = message;
  p.values = 2;
  p.posts = 1;
  p.post_metrics = 0;
  p.comments = 1;
  return p;
}

TEST_CASE("the summary sums the Pages and says how many completed") {
  PullReport report;
  report.pages = {page("1")};
  report.http_requests = 1;
  CHECK(pull_summary(report, 0.04) ==
        "pulled 1 Page: 2 values, 1 post, 0 post metrics, 1 comment (1 request, 0.0 s)");
  report.pages.push_back(page("2", ExitCode::temp_fail, "throttled"));
  report.http_requests = 9;
  CHECK(pull_summary(report, 1.25) ==
        "pulled 1 of 2 Pages: 4 values, 2 posts, 0 post metrics, 2 comments (9 requests, 1.2 s)");
}

TEST_CASE("the summary says how many comments came without an id or time and were skipped") {
  PullReport report;
  report.pages = {page("1"), page("2")};
  report.pages[0].comments_skipped = 2;
  report.pages[1].comments_skipped = 1;
  report.http_requests = 4;
  CHECK(pull_summary(report, 0.5) ==
        "pulled 2 Pages: 4 values, 2 posts, 0 post metrics, 2 comments, 3 comments without an id "
        "or time skipped (4 requests, 0.5 s)");
}

TEST_CASE("failures: each message once, the most serious last") {
  PullReport report;
  CHECK(pull_failures(report).empty());
  report.pages = {page("1", ExitCode::temp_fail, "1: throttled"), page("2"),
                  page("3", ExitCode::no_perm, "token expired"),
                  page("4", ExitCode::temp_fail, "1: throttled"),
                  page("5", ExitCode::no_perm, "token expired")};
  CHECK(pull_failures(report) == std::vector<std::string>{"1: throttled", "token expired"});
}

}  // namespace
}  // namespace pageaudit
