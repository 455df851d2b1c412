// Deterministic generated Graph data for the fake server.
#include "fake_data.h"

#include <algorithm>
#include <array>

#include "pageaudit/graph/end_time.h"

namespace pageaudit::fake {
namespace {

constexpr MetricSpec k_metrics[] = {
    {"page_follows", false, false, false, true, "Lifetime Total Follows",
     "Lifetime: The number of followers of your Facebook Page or profile. This is calculated as "
     "the "
     "number of follows minus the number of unfollows over the lifetime of your Facebook Page or "
     "profile. "},
    {"page_daily_follows", false, false, false, true, "Daily Follows",
     "Daily: The number of times your Page was followed."},
    {"page_daily_follows_unique", false, false, false, false, "Daily New Follows",
     "Daily: The number of Meta Accounts that followed your Page in the selected time period. This "
     "metric is estimated (Unique Users)"},
    {"page_daily_unfollows_unique", false, false, false, false, "Daily Unfollows",
     "Daily: The number of Meta Accounts that unfollowed your Page in the selected time period. "
     "This "
     "metric is estimated (Unique Users)"},
    {"page_media_view", false, false, true, false, "Facebook views",
     "The number of times your Page&#039;s content was played or displayed."},
    {"page_total_media_view_unique", false, false, false, false, nullptr,
     "The number of people who saw your Page&#039;s content at least once. This metric is "
     "estimated."},
    {"page_post_engagements", false, false, false, false, "Daily Post Engagements",
     "Daily: The number of times people have engaged with your posts through like, comments and "
     "shares and more."},
    {"page_views_total", false, false, false, false, "Daily Total views count per Page",
     "Daily: The number of times a Page&#039;s profile has been viewed by people."},
    {"page_total_actions", false, false, false, false, "Daily Total Action Count Per Page",
     "Daily: The number of clicks on your Page&#039;s contact info and call-to-action button."},
    {"page_video_views", false, false, false, false, "Daily Total Video Views",
     "Daily: The number of times your Page&#039;s videos played for at least 3 seconds."},
    {"post_media_view", true, false, true, false, "post_media_view",
     "The number of times that your Page&#039;s post entered a person&#039;s screen. The post can "
     "be a "
     "status, photo, link, video and more."},
    {"post_total_media_view_unique", true, false, false, false, nullptr,
     "The number of people who saw your Page&#039;s post at least once. This metric is estimated."},
    {"post_clicks", true, false, false, false,
     "Lifetime Matched Audience Targeting Consumptions on Post",
     "Lifetime: The number of clicks anywhere in your post on News Feed from the user that matched "
     "the audience targeting on it."},
    {"post_clicks_by_type", true, true, false, false,
     "Lifetime Matched Audience Targeting Consumptions by Type",
     "Lifetime: The number of clicks anywhere in the post on News Feed, by type."},
    {"post_reactions_by_type_total", true, true, false, false,
     "Lifetime Total post Reactions by Type.", "Lifetime: Total post reactions by type."},
    {"post_activity_by_action_type", true, true, false, false,
     "Lifetime Post Stories by action type",
     "Lifetime: The number of stories created about your Page post, by action type."},
    {"post_video_views", true, false, false, false, "Lifetime Total Video Views",
     "Lifetime: The number of times your video was viewed for 3 seconds or more."},
};

// Days are counted from here for the follower total: any fixed day works.
constexpr long k_epoch = 18262;  // 2020-01-01
constexpr long long k_post_base = 100000000000LL;

std::uint64_t splitmix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// A pseudo-random draw for (seed, what, n), stable across runs and platforms.
std::uint64_t draw(std::uint64_t seed, std::string_view what, long n) {
  return splitmix(seed ^ splitmix(seed_of(what) + static_cast<std::uint64_t>(n)));
}

long long uniform(std::uint64_t seed, std::string_view what, long n, long long low,
                  long long high) {
  return low +
         static_cast<long long>(draw(seed, what, n) % static_cast<std::uint64_t>(high - low + 1));
}

long long follower_total(std::uint64_t seed, Date day) {
  long long base = 500 + static_cast<long long>(seed % 20000);
  long long growth = 3 + static_cast<long long>(seed % 10);
  // A wobble of at most 3 a day never outweighs growth >= 3: the daily difference stays >= 0.
  return base + growth * (day.days() - k_epoch) + uniform(seed, "wobble", day.days(), 0, 3);
}

long long day_value(std::uint64_t seed, std::string_view name, Date day) {
  long n = day.days();
  if (name == "page_follows") return follower_total(seed, day);
  if (name == "page_daily_unfollows_unique") return uniform(seed, name, n, 0, 7);
  if (name == "page_daily_follows_unique") {
    // Consistent with page_follows: follows - unfollows is the day's change in the total.
    return day_value(seed, "page_daily_unfollows_unique", day) + follower_total(seed, day) -
           follower_total(seed, day - 1);
  }
  if (name == "page_daily_follows")
    return day_value(seed, "page_daily_follows_unique", day) + uniform(seed, name, n, 0, 2);
  if (name == "page_media_view") return uniform(seed, name, n, 200, 4200);
  if (name == "page_total_media_view_unique") {
    return day_value(seed, "page_media_view", day) * uniform(seed, name, n, 50, 79) / 100;
  }
  if (name == "page_post_engagements") return uniform(seed, name, n, 0, 300);
  if (name == "page_views_total") return uniform(seed, name, n, 0, 150);
  if (name == "page_total_actions") return uniform(seed, name, n, 0, 20);
  return uniform(seed, name, n, 0, 600);  // page_video_views
}

constexpr std::array<const char*, 6> k_messages = {
    "New opening hours from Monday!", "Thank you all for 5 years together",
    "Today's special: carrot cake",   "We are hiring a barista",
    "Photos from Saturday's concert", "Which one would you choose?"};
constexpr std::array<const char*, 8> k_first_names = {"Ana",   "Luis",  "Marta", "Jordi",
                                                      "Elena", "Pablo", "Nuria", "Sergio"};
constexpr std::array<const char*, 5> k_last_names = {"Garcia", "Puig", "Lopez", "Serra", "Martin"};
constexpr std::array<const char*, 5> k_comment_texts = {
    "Love it!", "What time do you open on Sunday?", "See you there", "Great news", "Yummy"};
constexpr std::array<const char*, 4> k_categories = {"Cafe", "Bakery", "Local business",
                                                     "Restaurant"};

bool has_post(std::uint64_t seed, Date day) {
  return draw(seed, "post", day.days()) % 3 == 0;
}

FakePost make_post(const std::string& page_id, std::uint64_t seed, Date day) {
  FakePost post;
  post.page_id = page_id;
  post.day = day;
  post.id = page_id + "_" + std::to_string(k_post_base + day.days());
  post.created =
      pacific_midnight(day) + uniform(seed, "post time", day.days(), 8 * 3600, 21 * 3600);
  post.message = k_messages[draw(seed, "post text", day.days()) % k_messages.size()];
  post.seed = seed_of(post.id);
  return post;
}

}  // namespace

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

const MetricSpec* find_metric(std::string_view name) {
  for (const auto& metric : k_metrics) {
    if (name == metric.name) return &metric;
  }
  return nullptr;
}

std::uint64_t seed_of(std::string_view id) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : id) hash = (hash ^ c) * 1099511628211ULL;
  return hash;
}

long long page_value(std::uint64_t seed, const MetricSpec& metric, std::string_view period,
                     Date day) {
  int days = period == "week" ? 7 : period == "days_28" ? 28 : 1;
  long long sum = 0, most = 0;
  for (int i = 0; i < days; ++i) {
    long long value = day_value(seed, metric.name, day - i);
    sum += value;
    most = std::max(most, value);
  }
  // A count of people does not add up over days, as Meta's does not: someone seen on several days
  // counts once. The fake takes the busiest day's people and half of the other days'.
  if (std::string_view(metric.name).ends_with("_unique")) return most + (sum - most) / 2;
  return sum;
}

std::pair<long long, long long> split_count(std::uint64_t seed, std::string_view breakdown,
                                            long long total) {
  // Share of "1" (from ads / from followers) in percent.
  long long share = breakdown == "is_from_ads" ? uniform(seed, breakdown, total, 0, 20)
                                               : uniform(seed, breakdown, total, 40, 90);
  long long yes = total * share / 100;
  return {total - yes, yes};
}

long long post_count(std::uint64_t post_seed, const MetricSpec& metric) {
  std::string_view name = metric.name;
  long long views = uniform(post_seed, "post_media_view", 0, 50, 3000);
  if (name == "post_media_view") return views;
  if (name == "post_total_media_view_unique")
    return views * uniform(post_seed, name, 0, 55, 85) / 100;
  if (name == "post_clicks") return uniform(post_seed, name, 0, 0, 120);
  return uniform(post_seed, name, 0, 0, 400);  // post_video_views
}

std::vector<std::pair<std::string, long long>> post_object(std::uint64_t post_seed,
                                                           const MetricSpec& metric) {
  std::string_view name = metric.name;
  std::vector<std::pair<std::string, long long>> keys;
  if (name == "post_reactions_by_type_total") {
    keys = {{"like", 60}, {"love", 15}, {"wow", 4}, {"haha", 6}, {"sorry", 2}, {"anger", 1}};
  } else if (name == "post_clicks_by_type") {
    keys = {{"other clicks", 40}, {"photo view", 25}, {"link clicks", 10}};
  } else {
    keys = {{"share", 8}, {"like", 60}, {"comment", 12}};  // post_activity_by_action_type
  }
  std::vector<std::pair<std::string, long long>> out;
  for (size_t i = 0; i < keys.size(); ++i) {
    long long value = uniform(post_seed, name, static_cast<long>(i), 0, keys[i].second);
    if (value != 0) out.emplace_back(keys[i].first, value);  // Meta leaves zero keys out
  }
  return out;
}

FakePage page_of(const std::string& page_id) {
  std::uint64_t seed = seed_of(page_id);
  return FakePage{page_id, "Fake Page " + page_id, "fakepage" + page_id,
                  k_categories[seed % k_categories.size()], "https://www.facebook.com/" + page_id};
}

std::string account_page_id(int index) {
  return std::to_string(100000000000001LL + index);
}

std::vector<FakePost> posts_between(const std::string& page_id, Date first, Date last, Date today) {
  std::uint64_t seed = seed_of(page_id);
  first = std::max(first, today - k_retention_days);
  last = std::min(last, today - 1);
  std::vector<FakePost> out;
  for (Date day = last; day >= first; day = day - 1) {
    if (has_post(seed, day)) out.push_back(make_post(page_id, seed, day));
  }
  return out;
}

std::optional<FakePost> find_post(std::string_view post_id, Date today) {
  size_t underscore = post_id.find('_');
  if (underscore == std::string_view::npos) return std::nullopt;
  std::string page_id(post_id.substr(0, underscore));
  std::string_view number = post_id.substr(underscore + 1);
  if (!all_digits(page_id) || !all_digits(number) || number.size() > 15) return std::nullopt;
  Date day = Date::from_days(std::stol(std::string(number)) - k_post_base);
  std::uint64_t seed = seed_of(page_id);
  if (day < today - k_retention_days || day >= today || !has_post(seed, day)) return std::nullopt;
  return make_post(page_id, seed, day);
}

std::vector<FakeComment> comments_of(const FakePost& post, bool with_replies) {
  std::uint64_t page_seed = seed_of(post.page_id);
  std::string post_number = post.id.substr(post.id.find('_') + 1);
  // Every Page posts on the same days, so posts of two Pages share their number; the Page's seed
  // keeps comment ids unique across Pages, as Meta's are (the store keys comments by id alone).
  const long long first_id =
      3000000000000000LL + static_cast<long long>(page_seed % 1000000) * 1000;
  long count = static_cast<long>(draw(post.seed, "comments", 0) % 5);
  std::vector<FakeComment> out;
  for (long k = 0; k < count; ++k) {
    // People come from a pool of 40 per Page, so the same people comment again and again.
    long person = static_cast<long>(draw(post.seed, "author", k) % 40);
    FakeComment comment;
    comment.id = post_number + "_" + std::to_string(first_id + 2 * k);
    comment.created =
        post.created + 1800 * (k + 1) + uniform(post.seed, "comment time", k, 0, 1799);
    comment.message = k_comment_texts[draw(post.seed, "comment text", k) % k_comment_texts.size()];
    comment.author_id = std::to_string(10000000000000000LL +
                                       static_cast<long long>(page_seed % 1000000) * 100 + person);
    comment.author_name =
        std::string(k_first_names[static_cast<size_t>(person) % k_first_names.size()]) + " " +
        k_last_names[static_cast<size_t>(person) / k_first_names.size() % k_last_names.size()];
    comment.like_count = static_cast<int>(uniform(post.seed, "comment likes", k, 0, 4));
    bool replied = draw(post.seed, "reply", k) % 3 == 0;
    comment.reply_count = replied ? 1 : 0;
    out.push_back(comment);
    if (replied && with_replies) {
      FakePage page = page_of(post.page_id);
      FakeComment reply;
      reply.id = post_number + "_" + std::to_string(first_id + 2 * k + 1);
      reply.created = comment.created + 3600;
      reply.message = "Thank you!";
      reply.author_id = page.id;
      reply.author_name = page.name;
      reply.parent_id = comment.id;
      out.push_back(reply);
    }
  }
  // Replies come an hour after their comment: keep the whole list in time order.
  std::stable_sort(out.begin(), out.end(), [](const FakeComment& a, const FakeComment& b) {
    return a.created < b.created;
  });
  return out;
}

}  // namespace pageaudit::fake
