// The audit's figures (SPEC 5) as pure functions of plain data: followers, effort, customers,
// useful followers and what the effort costs per useful follower.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pageaudit/audit/audience.h"
#include "pageaudit/audit/goals.h"
#include "pageaudit/core/date.h"
#include "pageaudit/core/messages.h"

namespace pageaudit {

// One value per day; a day without a value is absent, never 0.
using DailySeries = std::map<Date, double>;

// A person who commented on the Page in the window.
struct Commenter {
  std::string id;                            // stable per person (e.g. the hashed author id)
  std::vector<std::string> identity_hashes;  // hash_identifier() of the normalized name, ...
};

// Inclusive ranges of days a source covers (first, last).
using DayRanges = std::vector<std::pair<Date, Date>>;

// A visitor's top-level comment in the window, and how long it waited for the Page's first reply.
struct ReplyWait {
  double hours = 0;       // to the first reply, else (unanswered) to the end of the audit day
  bool answered = false;  // the Page replied before the end of the audit day
};

// Everything the audit reads, filled from the store (or by a test). Flows and people data
// (posts, comments, commenters, reply_waits) are already restricted to the window.
// Hashed identifiers of customers (core/identity.h), looked up by commenters' hashes.
using CustomerHashes = std::set<std::string, std::less<>>;

// The days Meta replaced impressions with views and reach with viewers, which count differently:
// metric_catalog.retired_since of page_impressions and page_impressions_unique (store/catalog.h).
struct SeriesBreaks {
  Date views;
  Date viewers;
};

// Days in the audit's window, ending on the audit day (--window).
inline constexpr int k_default_window_days = 28;
// Follower counts older than this many days make the data stale (lint's notes, status).
inline constexpr long k_stale_days = 3;

struct AuditInput {
  Date as_of;  // the audit day: the window's last day
  int window_days = k_default_window_days;
  Date today;  // the day the audit runs, to tell a stale store (default 1970-01-01: never)
  std::string page_id;
  std::string page_name;
  Goals goals;
  Language language = Language::en;  // of the messages in the result

  DailySeries followers;                 // the daily_followers view
  DailySeries views;                     // page_media_view
  DailySeries engagements;               // page_post_engagements
  DailySeries page_visits;               // page_views_total
  DailySeries net_follows;               // daily follows minus unfollows
  DailySeries viewers;                   // daily unique viewers: never summed across days
  std::optional<double> viewers_window;  // unique viewers over the whole window, as Meta counts
  DailySeries impressions;               // retired, replaced by views
  DailySeries reach;                     // retired, replaced by viewers
  SeriesBreaks series_breaks;

  std::optional<long> posts;     // posts published in the window; nullopt: no post data
  DayRanges posts_covered;       // days the posts' sources cover: pulls, each export's first..last
  DayRanges comments_covered;    // days the comments' source covers: the pulls of posts
  std::optional<long> comments;  // visitors' comments in the window; nullopt: no comment data
  std::vector<Commenter> commenters;   // one entry per distinct person
  std::vector<ReplyWait> reply_waits;  // per visitor's top-level comment (Meta's days, like all)

  DailySeries time_log;                                      // hours spent on the Page per day
  std::map<std::string, DailySeries, std::less<>> outcomes;  // "visitors" -> day -> value

  long customers_imported = 0;  // distinct customers in the imported lists
  // Hashed names, e-mails and phones of the imported lists; shared, not copied: the lists are the
  // business's, and every Page of a store is audited against the same ones. Never null.
  std::shared_ptr<const CustomerHashes> customer_hashes = std::make_shared<const CustomerHashes>();
  std::vector<AudienceShare> audience;  // the latest audience breakdown

  Date window_start() const { return as_of - (window_days - 1); }
};

// A figure, or why there is none: reason is a message key ("reason.no-hourly-cost"), empty
// when value is set.
struct Figure {
  std::optional<double> value;
  std::string reason;
};

struct FollowerFigures {
  std::optional<double> value;              // on the audit day
  std::optional<double> net_change_window;  // audit day minus the day before the window
  std::optional<double> trend_per_day;      // least-squares slope over the window's days with data
  std::optional<double> trend_margin;       // half-width of its 95% interval (slope_margin)
};

// How fast the Page answers visitors (SPEC 5, reply_hours), over the window's top-level comments.
struct ReplyFigures {
  std::optional<double> median_hours;    // of every comment's wait, answered or not
  long answered = 0;                     // comments the Page replied to by the end of the audit day
  long comments = 0;                     // visitors' top-level comments in the window
  std::optional<double> share_answered;  // answered / comments; nullopt without comments
};

enum class EffortSource { stated, log, mixed };
std::string_view effort_source_name(EffortSource source);

struct EffortFigures {
  Figure hours_window;                 // time log per day, else effort.hours_per_day
  Figure cost_window;                  // hours_window x business.hourly_cost
  std::optional<EffortSource> source;  // nullopt when there are no hours
};

enum class CustomerMethod { survey, match, stated };
std::string_view customer_method_name(CustomerMethod method);

// How many followers are customers, by one method.
struct CustomerEstimate {
  CustomerMethod method = CustomerMethod::stated;
  double customer_followers = 0;  // whole people
  std::optional<double> share;    // customer_followers / followers; nullopt without followers
  std::optional<double> low;      // 95% interval of share; nullopt for stated
  std::optional<double> high;
  std::optional<long> n;  // people asked (survey) or commenters (match)
  bool biased = false;    // match: engagers are not a random sample of followers
};

enum class UsefulMethod { audience, stated };
std::string_view useful_method_name(UsefulMethod method);

struct UsefulFollowers {
  Figure value;                 // whole people
  std::optional<double> share;  // of followers in the target profile
  std::optional<UsefulMethod> method;
  std::vector<std::string> dimensions;  // audience: the breakdowns the share rests on
  // Place lists that name none of the targets (Meta lists only its top cities and countries): the
  // method fell back from them, to the countries or to the stated share, or there is no value.
  std::vector<UnlistedTarget> unlisted;
};

// A window figure (SPEC 5 activity.NAME): its value and how many of the window's days its data
// covers. A daily series covers the days it has a value; events (posts, comments) the days inside
// the ranges their sources cover.
struct WindowFigure {
  std::optional<double> value;
  int days = 0;
};

// The activity figures of SPEC 5 by name: views, viewers, engagements, engagement_rate,
// page_visits, posts, comments, engagers, then outcome:NAME for each imported outcome.
using ActivityFigures = std::vector<std::pair<std::string, WindowFigure>>;

struct Figures {
  FollowerFigures followers;
  ActivityFigures activity;
  EffortFigures effort;
  // Survey, match, stated: those that have data, in that order; the first is the headline.
  std::vector<CustomerEstimate> customers;
  UsefulFollowers useful;
  Figure hours_per_useful_follower;
  Figure hours_per_new_useful_follower;
  Figure cost_per_useful_follower;
  std::optional<ReplyFigures> replies;  // nullopt without comment data (AuditInput::comments)
};

// Commenters needed before a match estimate means anything.
inline constexpr long k_min_match_commenters = 30;

// Sum of the series over the window's days; nullopt when no day of the window has a value.
std::optional<double> window_sum(const DailySeries& series, const AuditInput& input);

// The activity figures of the window. Sums count the days with a value; viewers is Meta's own
// unique count of the window (it covers the window or nothing); engagement_rate divides the
// engagements by the views of the days both have.
ActivityFigures activity_figures(const AuditInput& input);

// The activity figure called name; nullptr when there is none of that name.
const WindowFigure* find_activity(const ActivityFigures& activity, std::string_view name);

Figures compute_figures(const AuditInput& input);

}  // namespace pageaudit
