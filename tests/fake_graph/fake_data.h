// The fake Graph server's data: deterministic Pages, metrics, posts and comments, seeded by Page
// id.
//
// Every figure is a pure function of (Page id, metric, day), so any window asked in any order
// gives the same numbers, and a test can ask for the same value twice and compare. Data exists
// for the two years before `today` (Meta's retention) and never for today or later.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pageaudit/core/date.h"

namespace pageaudit::fake {

inline constexpr int k_retention_days = 730;

// A metric the fake still serves. Anything else (retired metrics such as page_impressions,
// page_fans, post_impressions, and names that never existed) is answered with
// "(#100) The value must be a valid insights metric", as Meta does.
struct MetricSpec {
  const char* name;
  bool post;          // a lifetime post metric; otherwise a daily Page metric
  bool object_value;  // value is an object ({"like": 3, ...})
  bool breakdowns;    // answers breakdown=is_from_ads / is_from_followers
  bool day_only;      // only period=day (page_follows); others also week and days_28
  const char* title;  // nullptr: Meta sends "title": null
  const char* description;
};

const MetricSpec* find_metric(std::string_view name);

// True for a non-empty run of ASCII digits: Page ids, epoch seconds, counts in requests.
bool all_digits(std::string_view text);

// Seed of an object id (FNV-1a), the root of all its figures.
std::uint64_t seed_of(std::string_view id);

// The value of a daily Page metric for `day` over `period` (day, week, days_28: the days ending
// with `day`): their sum, except for counts of people (names ending in _unique), which are the
// largest day's count plus half the other days' (integer division), below the sum as Meta's are.
// page_follows is the running follower total.
long long page_value(std::uint64_t seed, const MetricSpec& metric, std::string_view period,
                     Date day);

// How a count splits for a breakdown ("is_from_ads" / "is_from_followers"): {"0": n0, "1": n1}.
std::pair<long long, long long> split_count(std::uint64_t seed, std::string_view breakdown,
                                            long long total);

// A lifetime post metric: a count, or object members in Meta's order (zero keys left out).
long long post_count(std::uint64_t post_seed, const MetricSpec& metric);
std::vector<std::pair<std::string, long long>> post_object(std::uint64_t post_seed,
                                                           const MetricSpec& metric);

struct FakePage {
  std::string id, name, username, category, link;
};
FakePage page_of(const std::string& page_id);

// The id of the index-th (0-based) Page that /me/accounts lists: 100000000000001, ...
std::string account_page_id(int index);

struct FakePost {
  std::string id;  // "{page}_{number}"
  std::string page_id;
  Date day;                  // the Pacific day it was published
  std::int64_t created = 0;  // seconds since the epoch
  std::string message;
  std::uint64_t seed = 0;
};

// The Page's posts published on days first..last (clipped to the retention before today), newest
// first.
std::vector<FakePost> posts_between(const std::string& page_id, Date first, Date last, Date today);
// The post with this id, when it exists.
std::optional<FakePost> find_post(std::string_view post_id, Date today);

struct FakeComment {
  std::string id;
  std::int64_t created = 0;
  std::string message;
  std::string author_id, author_name;
  std::string parent_id;  // empty for a top-level comment
  int like_count = 0;
  int reply_count = 0;
};

// A post's comments in chronological order: top-level ones, and their replies too with_replies.
std::vector<FakeComment> comments_of(const FakePost& post, bool with_replies);

}  // namespace pageaudit::fake
