// The calls a pull makes, and their answers turned into records and follow-up calls.
#include "pageaudit/graph/pull_calls.h"

#include <fmt/format.h>

#include <algorithm>

#include "pageaudit/graph/end_time.h"

namespace pageaudit {
namespace {

// Posts per page: Meta allows 100, but a page of posts with their insights and comments expanded
// is large, and Meta answers code 1 "reduce the amount of data" to large expansions.
constexpr int k_posts_per_page = 25;

bool contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// The catalogue's entry for a metric the call asked for, whose name the records view (pull.h);
// null when the call did not ask for it. Calls ask only for catalogue metrics.
const PullMetric* asked(const std::vector<PullMetric>& catalogue, const Call& call,
                        std::string_view name) {
  if (!contains(call.metrics, name)) return nullptr;
  for (const PullMetric& metric : catalogue) {
    if (metric.name == name) return &metric;
  }
  return nullptr;
}

// Meta's time text as UTC ISO; "" when it is not Meta's format.
std::string iso_time(const std::string& graph_time) {
  auto seconds = parse_graph_time(graph_time);
  return seconds ? utc_iso(*seconds) : std::string();
}

// breakdown= buckets are "1" (from ads / from followers) and "0"; stored as true/false, the
// keys the export importer uses for the same split.
std::string bucket_key(const std::string& bucket) {
  if (bucket == "1") return "true";
  if (bucket == "0") return "false";
  return bucket;
}

bool in_window(const Call& call, Date today, Date day) {
  return day >= call.days.since && day < call.days.until && day < today;
}

// The period of a series as the records name it (a view that outlives the answer, pull_records.h):
// "day", or one of the longer periods kept for the metric; empty for any other period.
std::string_view kept_period(const PullMetric& metric, const std::string& period) {
  if (period == "day") return "day";
  auto kept = std::find(metric.periods.begin(), metric.periods.end(), period);
  return kept == metric.periods.end() ? std::string_view() : std::string_view(*kept);
}

// Values of the call's metrics: daily ones, and those of the longer periods kept for a metric,
// dated like the daily ones (the day before end_time: a days_28 value dated D counts the 28 days
// ending with D). Object values (no pulled Page metric has them) and breakdown buckets (only
// breakdown calls ask for them) are not totals and are left out.
void add_daily(const DecodeContext& context, const Call& call, const Insights& insights,
               PullChunk& chunk) {
  for (const InsightSeries& series : insights.series) {
    const PullMetric* metric = asked(*context.page_metrics, call, series.name);
    if (metric == nullptr) continue;
    std::string_view period = kept_period(*metric, series.period);
    if (period.empty()) continue;
    for (const InsightValue& value : series.values) {
      if (!value.value || !value.date || !value.breakdown.empty()) continue;
      if (!in_window(call, context.today, *value.date)) continue;
      chunk.values.push_back(
          PulledValue{metric->name, period, *value.date, *value.value, value.end_time});
    }
  }
}

void add_breakdowns(const DecodeContext& context, const Call& call, const Insights& insights,
                    PullChunk& chunk) {
  for (const InsightSeries& series : insights.series) {
    const PullMetric* metric = asked(*context.page_metrics, call, series.name);
    if (series.period != "day" || metric == nullptr) continue;
    auto wanted = std::find(metric->breakdowns.begin(), metric->breakdowns.end(), call.breakdown);
    if (wanted == metric->breakdowns.end()) continue;  // calls ask for catalogue dimensions only
    for (const InsightValue& value : series.values) {
      if (!value.value || !value.date || !in_window(call, context.today, *value.date)) continue;
      for (const auto& [dimension, bucket] : value.breakdown) {
        if (dimension != call.breakdown) continue;
        chunk.breakdowns.push_back(
            PulledBreakdown{metric->name, *value.date, *wanted, bucket_key(bucket), *value.value});
      }
    }
  }
}

void add_comments(const DecodeContext& context, const std::string& post_id,
                  const Comments& comments, PullChunk& chunk, std::vector<Call>& follow_ups) {
  for (const Comment& comment : comments.data) {
    std::string created = iso_time(comment.created_time);
    // Without an id a comment cannot be kept apart from others; without a time it is of no use to
    // reply times. Meta sends both to a Page token, but not always: such a comment is skipped and
    // counted, not stored under a made-up key, since no reply can name a parent that has no id.
    if (comment.id.empty() || created.empty()) {
      ++chunk.comments_skipped;
      continue;
    }
    PulledComment out{comment.id, post_id, comment.parent_id, created, std::nullopt, false};
    if (comment.from && (!comment.from->id.empty() || !comment.from->name.empty())) {
      out.author = comment.from;
      out.from_page = comment.from->id == context.page_id;
    }
    chunk.comments.push_back(std::move(out));
  }
  if (!comments.paging.next.empty() && !comments.paging.after.empty()) {
    Call next{CallKind::comments};
    next.object_id = post_id;
    next.after = comments.paging.after;
    follow_ups.push_back(std::move(next));
  }
}

void add_posts(const DecodeContext& context, const Call& call, const Posts& posts, Decoded& out) {
  for (const Post& post : posts.data) {
    out.chunk.posts.push_back(PulledPost{post.id, iso_time(post.created_time), post.status_type,
                                         post.message, post.permalink_url});
    if (post.shares) {
      out.chunk.post_metrics.push_back(
          PulledPostMetric{post.id, "post_shares", "", static_cast<double>(*post.shares)});
    }
    if (post.insights) {
      for (const InsightSeries& series : post.insights->series) {
        const PullMetric* metric = asked(*context.post_metrics, call, series.name);
        if (series.period != "lifetime" || metric == nullptr) continue;
        for (const InsightValue& value : series.values) {
          if (value.value) {
            out.chunk.post_metrics.push_back(
                PulledPostMetric{post.id, metric->name, "", *value.value});
          }
          for (const auto& [key, count] : value.by_key)
            out.chunk.post_metrics.push_back(PulledPostMetric{post.id, metric->name, key, count});
        }
      }
    }
    if (post.comments) add_comments(context, post.id, *post.comments, out.chunk, out.follow_ups);
    for (const PullMetric& metric : *context.post_metrics) {
      if (!contains(call.metrics, metric.name)) continue;
      for (const std::string& dimension : metric.breakdowns) {
        Call breakdown{CallKind::post_breakdown, {metric.name}};
        breakdown.object_id = post.id;
        breakdown.breakdown = dimension;
        out.follow_ups.push_back(std::move(breakdown));
      }
    }
  }
  if (!posts.paging.next.empty() && !posts.paging.after.empty()) {
    Call next = call;
    next.after = posts.paging.after;
    out.follow_ups.push_back(std::move(next));
  }
}

void add_post_breakdowns(const DecodeContext& context, const Call& call, const Insights& insights,
                         PullChunk& chunk) {
  for (const InsightSeries& series : insights.series) {
    const PullMetric* metric = asked(*context.post_metrics, call, series.name);
    if (series.period != "lifetime" || metric == nullptr) continue;
    for (const InsightValue& value : series.values) {
      if (!value.value) continue;
      for (const auto& [dimension, bucket] : value.breakdown) {
        if (dimension != call.breakdown) continue;
        chunk.post_metrics.push_back(PulledPostMetric{
            call.object_id, metric->name, dimension + ":" + bucket_key(bucket), *value.value});
      }
    }
  }
}

template <typename T>
Status shape_of(const Result<T>& parsed) {
  if (!parsed) return tl::unexpected(parsed.error());
  return {};
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

}  // namespace

bool carries_insights(CallKind kind) {
  return kind == CallKind::page || kind == CallKind::page_insights ||
         kind == CallKind::page_periods || kind == CallKind::page_breakdown;
}

std::string relative_url(const std::string& page_id, const Call& call) {
  switch (call.kind) {
    case CallKind::page:
      return page_call(page_id, call.metrics, call.days);
    case CallKind::page_insights:
    case CallKind::probe_page_metric:
      return insights_call(page_id, call.metrics, call.days);
    case CallKind::page_periods:
      return insights_call(page_id, call.metrics, call.days, /*period=*/"");
    case CallKind::page_breakdown:
      return insights_call(page_id, call.metrics, call.days) +
             "&breakdown=" + url_encode(call.breakdown);
    case CallKind::posts: {
      PostsQuery query{call.metrics, call.posts_window.since, call.after, k_posts_per_page, true};
      std::string url = posts_call(page_id, query);
      if (call.posts_window.until)
        url += fmt::format("&until={}", pacific_midnight(*call.posts_window.until));
      return url;
    }
    case CallKind::probe_post_metric:
      return posts_call(page_id, PostsQuery{call.metrics, std::nullopt, "", 1, false});
    case CallKind::comments:
      return comments_call(call.object_id, call.after);
    case CallKind::post_breakdown:
      return fmt::format("{}/insights?metric={}&period=lifetime&breakdown={}",
                         url_encode(call.object_id), url_encode(join(call.metrics)),
                         url_encode(call.breakdown));
  }
  return {};
}

Result<Decoded> decode_answer(const DecodeContext& context, const Call& call,
                              std::string_view body) {
  Decoded out;
  switch (call.kind) {
    case CallKind::page: {
      auto node = parse_page(body);
      if (!node) return tl::unexpected(node.error());
      if (node->insights) add_daily(context, call, *node->insights, out.chunk);
      // The snapshot describes the last complete Pacific day, like the daily values beside it.
      if (node->followers_count) {
        PulledValue snapshot{"followers_count", "lifetime", context.today - 1,
                             static_cast<double>(*node->followers_count), GraphTime()};
        out.chunk.values.push_back(snapshot);
      }
      node->insights.reset();
      out.chunk.page = std::move(*node);
      break;
    }
    case CallKind::page_insights:
    case CallKind::page_periods: {
      auto insights = parse_insights(body);
      if (!insights) return tl::unexpected(insights.error());
      add_daily(context, call, *insights, out.chunk);
      break;
    }
    case CallKind::page_breakdown: {
      auto insights = parse_insights(body);
      if (!insights) return tl::unexpected(insights.error());
      add_breakdowns(context, call, *insights, out.chunk);
      break;
    }
    case CallKind::posts: {
      auto posts = parse_posts(body);
      if (!posts) return tl::unexpected(posts.error());
      add_posts(context, call, *posts, out);
      break;
    }
    case CallKind::comments: {
      auto comments = parse_comments(body);
      if (!comments) return tl::unexpected(comments.error());
      add_comments(context, call.object_id, *comments, out.chunk, out.follow_ups);
      break;
    }
    case CallKind::post_breakdown: {
      auto insights = parse_insights(body);
      if (!insights) return tl::unexpected(insights.error());
      add_post_breakdowns(context, call, *insights, out.chunk);
      break;
    }
    case CallKind::probe_page_metric:
      if (auto s = shape_of(parse_insights(body)); !s) return tl::unexpected(s.error());
      break;
    case CallKind::probe_post_metric:
      if (auto s = shape_of(parse_posts(body)); !s) return tl::unexpected(s.error());
      break;
  }
  return out;
}

}  // namespace pageaudit
