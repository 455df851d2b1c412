// The pull engine's answers to failure: retries with backoff, metrics Meta refuses (#100),
// throttling and usage pacing, and stops (one Page, or the whole run for the token).
#include <algorithm>

#include "pageaudit/core/redact.h"
#include "pull_engine.h"

namespace pageaudit::pull_engine {
namespace {

std::string token_advice(Failure failure) {
  return failure == Failure::token
             ? "the access token is invalid or expired. Get a new long-lived Page access token "
               "(Graph API Explorer or your app's login flow, then /oauth/access_token with "
               "grant_type=fb_exchange_token) and put it in $PAGEAUDIT_TOKEN or --token-file"
             : "the access token lacks a permission. Give it pages_read_engagement, read_insights "
               "and pages_read_user_content (a Page access token of a Page admin), then put it "
               "in $PAGEAUDIT_TOKEN or --token-file";
}

}  // namespace

void Engine::failed(size_t i, Slot slot, Failure failure, const std::string& message,
                    const Usage& usage, Step& step, const std::string& meta) {
  PageRun& page = m_pages[i];
  bool fatal = failure == Failure::token || failure == Failure::permission;
  if (page.phase != Phase::running && !fatal) return abandon(i, 1);
  switch (failure) {
    case Failure::transient:
      if (should_retry(m_settings.backoff, failure, slot.retries)) {
        ++slot.retries;
        step.retry.push_back(std::move(slot));
        return;
      }
      set_code(i, ExitCode::unavailable,
               fmt::format("{} (gave up after {} retries)", message, slot.retries));
      stop_page(i);
      break;
    case Failure::throttled: {
      milliseconds wait =
          usage.regain.count() > 0
              ? std::chrono::duration_cast<milliseconds>(usage.regain)
              : std::chrono::duration_cast<milliseconds>(m_settings.usage.pause_default);
      throttle_page(i, wait, message);
      pause(wait, message);
      break;
    }
    case Failure::token:
    case Failure::permission: {
      Error error{ExitCode::no_perm, fmt::format("{}: {}", message, token_advice(failure))};
      set_code(i, error.code, error.message);
      set_fatal(error);
      break;
    }
    case Failure::invalid_metric:
      return refused_metric(i, std::move(slot), message, meta.empty() ? message : meta, step);
    case Failure::other:
      set_code(i, exit_code(failure), message);
      stop_page(i);
      break;
  }
  abandon(i, 1);
}

void Engine::refused_metric(size_t i, Slot slot, const std::string& message,
                            const std::string& meta, Step& step) {
  PageRun& page = m_pages[i];
  std::vector<std::string>& metrics = slot.call.metrics;
  bool is_probe = slot.call.kind == CallKind::probe_page_metric ||
                  slot.call.kind == CallKind::probe_post_metric;
  if (metrics.size() == 1) {
    mark_bad(i, metrics.front(), meta);
    page.probing.erase(metrics.front());
    if (is_probe) {
      complete(i, slot, step);
      return release_held(i, step);
    }
    return reissue(i, std::move(slot), step);
  }
  if (std::any_of(metrics.begin(), metrics.end(),
                  [&](const std::string& m) { return page.bad.count(m) > 0; })) {
    return reissue(i, std::move(slot), step);
  }
  bool waiting = false;
  for (const std::string& metric : metrics) {
    if (page.good.count(metric)) continue;
    waiting = true;
    if (!page.probing.insert(metric).second) continue;
    Call probe{carries_insights(slot.call.kind) ? CallKind::probe_page_metric
                                                : CallKind::probe_post_metric,
               {metric},
               DayWindow{m_today - 1, m_today}};
    add_new(i, Slot{std::move(probe)}, step);
  }
  if (!waiting) {
    // Every metric answered alone: the refusal is not about a metric after all.
    set_code(i, ExitCode::unavailable, message);
    stop_page(i);
    return abandon(i, 1);
  }
  page.held.emplace_back(std::move(slot), message);
}

void Engine::mark_bad(size_t i, const std::string& metric, const std::string& meta) {
  PageRun& page = m_pages[i];
  if (!page.bad.insert(metric).second) return;
  page.good.erase(metric);
  page.report.warnings.push_back(fmt::format(
      "Page {}: Meta no longer serves metric {} for this Page ({}); it is marked unavailable "
      "and left out from now on",
      page.report.page_id, metric, meta));
  if (auto s = m_sink.mark_unavailable(page.report.page_id, metric, meta); !s) set_fatal(s.error());
}

void Engine::reissue(size_t i, Slot slot, Step& step) {
  PageRun& page = m_pages[i];
  std::erase_if(slot.call.metrics, [&](const std::string& m) { return page.bad.count(m) > 0; });
  bool still_wanted = slot.call.kind == CallKind::page || slot.call.kind == CallKind::posts;
  if (slot.call.metrics.empty() && !still_wanted) return complete(i, slot, step);
  slot.retries = 0;
  if (page.phase == Phase::running) {
    step.now.push_back(std::move(slot));
  } else {
    abandon(i, 1);
  }
}

void Engine::release_held(size_t i, Step& step) {
  PageRun& page = m_pages[i];
  if (!page.probing.empty() || page.held.empty()) return;
  auto held = std::move(page.held);
  page.held.clear();
  for (auto& [slot, message] : held) {
    bool refused = std::any_of(slot.call.metrics.begin(), slot.call.metrics.end(),
                               [&](const std::string& m) { return page.bad.count(m) > 0; });
    if (refused) {
      reissue(i, std::move(slot), step);
    } else {
      set_code(i, ExitCode::unavailable, message);
      stop_page(i);
      abandon(i, 1);
    }
  }
}

void Engine::set_code(size_t i, ExitCode code, const std::string& message) {
  PageReport& report = m_pages[i].report;
  if (severity(code) <= severity(report.code)) return;
  report.code = code;
  report.message = redact(message);
}

void Engine::set_fatal(const Error& error) {
  if (!m_fatal) m_fatal = Error{error.code, redact(error.message)};
}

void Engine::stop_page(size_t i) {
  PageRun& page = m_pages[i];
  if (page.phase != Phase::running) return;
  page.phase = Phase::stopping;
  page.outstanding -= static_cast<int>(page.held.size());
  page.held.clear();
}

void Engine::throttle_page(size_t i, milliseconds wait, const std::string& why) {
  PageRun& page = m_pages[i];
  if (page.phase != Phase::running) return;
  auto seconds = std::chrono::ceil<std::chrono::seconds>(wait).count();
  page.resume_after = m_settings.now() + std::max<std::int64_t>(1, seconds);
  set_code(i, ExitCode::temp_fail,
           fmt::format("Page {}: throttled by Meta ({}); stopped, keeping what was fetched; run "
                       "again after {}",
                       page.report.page_id, why, utc_iso(*page.resume_after)));
  stop_page(i);
}

void Engine::pace(const Usage& usage) {
  if (!usage.reported) return;
  PaceAdvice advice = advise(m_settings.usage, usage);
  m_slow_wait = advice.pace == Pace::slow ? advice.wait : milliseconds(0);
  if (advice.pace == Pace::pause) {
    pause(advice.wait, fmt::format("Meta reports {}% of the rate limit used", usage.percent));
  }
}

void Engine::pause(milliseconds wait, const std::string& why) {
  Clock::time_point now = Clock::now();
  Clock::time_point until = now + wait;
  if (until <= m_pause_until) return;
  auto added = std::chrono::duration_cast<milliseconds>(until - std::max(m_pause_until, now));
  if (m_paused + added > m_settings.max_wait) {
    for (size_t i = 0; i < m_pages.size(); ++i) {
      throttle_page(i, wait, fmt::format("{}; waiting longer than --max-wait", why));
    }
    return;
  }
  m_paused += added;
  m_pause_until = until;
}

}  // namespace pageaudit::pull_engine
