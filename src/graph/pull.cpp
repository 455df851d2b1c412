// The pull engine: every Page's calls through one HTTP queue, with retries, pacing and stops.
//
// Each Page proceeds on its own: its first round is one batch (Page fields and insights by field
// expansion, breakdowns, post listings), and every answer may lead to follow-ups (next pages,
// breakdowns of the posts it listed) that are sent as soon as it is read. Calls of one Page
// answered together are handed to the sink together, so what was fetched is kept whatever fails
// later.
#include "pageaudit/graph/pull.h"

#include <algorithm>

#include "pageaudit/core/redact.h"
#include "pageaudit/graph/end_time.h"
#include "pull_engine.h"

namespace pageaudit {
namespace pull_engine {
namespace {

// A batch POST's body at most: servers built on cpp-httplib (the fake Graph server among them)
// refuse form bodies over 8 KiB with 413, and the cap costs a few items per batch at most.
constexpr size_t k_max_batch_body = 8192;
// "access_token=&include_headers=false&batch=" and the array's brackets, encoded.
constexpr size_t k_batch_overhead = 64;

// The bytes one call adds to a batch body: {"method":"GET","relative_url":"..."}, URL-encoded,
// and the comma before it. Relative URLs are already URL-encoded: nothing in them needs JSON
// escaping. URL-encoding works byte by byte, so the wrapper's encoded size is added, not
// encoded again around every URL.
size_t batch_item_size(const std::string& relative_url) {
  static const size_t wrapper = url_encode("{\"method\":\"GET\",\"relative_url\":\"\"}").size();
  return wrapper + url_encode(relative_url).size() + 1;
}

}  // namespace

int severity(ExitCode code) {
  switch (code) {
    case ExitCode::no_perm:
      return 7;
    case ExitCode::cant_create:
      return 6;
    case ExitCode::software:
      return 5;
    case ExitCode::usage:
      return 4;
    case ExitCode::unavailable:
      return 3;
    case ExitCode::data:
      return 2;
    case ExitCode::temp_fail:
      return 1;
    default:
      return 0;
  }
}

Engine::Engine(HttpClient& client, const PullSettings& settings, PullSink& sink,
               const std::vector<PageState>& pages)
    : m_client(client), m_settings(settings), m_sink(sink) {
  m_today = pacific_day(settings.now());
  m_pages.resize(pages.size());
  for (size_t i = 0; i < pages.size(); ++i) {
    m_pages[i].state = &pages[i];
    m_pages[i].report.page_id = pages[i].page_id;
    m_pages[i].bad.insert(pages[i].unavailable.begin(), pages[i].unavailable.end());
  }
}

PullReport Engine::run() {
  for (size_t i = 0; i < m_pages.size() && !m_fatal; ++i) start_page(i);
  std::vector<HttpJob> first = release();
  if (!m_fatal) {
    m_client.run(std::move(first), std::max(1, m_settings.max_parallel),
                 [this](const HttpJob& job, Result<HttpResponse> response, HttpQueue& queue) {
                   on_done(job, std::move(response), queue);
                 });
  }
  // A fatal stop leaves Pages unfinished: their runs end with its message.
  for (size_t i = 0; i < m_pages.size(); ++i) {
    PageRun& page = m_pages[i];
    if (page.phase == Phase::finished) continue;
    if (m_fatal) set_code(i, m_fatal->code, m_fatal->message);
    page.outstanding = 0;
    page.held.clear();
    if (page.begun) {
      finish_page(i);
    } else {
      page.phase = Phase::finished;
    }
  }
  PullReport report;
  report.http_requests = m_http_requests;
  report.graph_calls = m_graph_calls;
  for (auto& page : m_pages) report.pages.push_back(std::move(page.report));
  return report;
}

std::vector<std::string> Engine::available(size_t i, const std::vector<PullMetric>& metrics) const {
  std::vector<std::string> out;
  for (const auto& metric : metrics) {
    if (!m_pages[i].bad.count(metric.name)) out.push_back(metric.name);
  }
  return out;
}

int Engine::add_group(size_t i, CoverageKind kind, DayRange days) {
  m_pages[i].groups.push_back(Group{Coverage{kind, days}});
  return static_cast<int>(m_pages[i].groups.size()) - 1;
}

void Engine::start_page(size_t i) {
  PageRun& page = m_pages[i];
  const PageState& state = *page.state;
  if (state.resume_after && *state.resume_after > m_settings.now()) {
    page.phase = Phase::finished;
    set_code(i, ExitCode::temp_fail,
             fmt::format("Page {}: Meta throttled it; not calling it before {} (run again then)",
                         state.page_id, utc_iso(*state.resume_after)));
    ++m_pages_done;
    return;
  }
  PagePlan plan = plan_page(PlanInput{
      m_today, m_settings.since, m_settings.until, k_backfill_days, m_settings.refetch_days,
      m_settings.post_days, state.insights_covered, state.posts_covered, state.backfill_start});
  if (auto s = m_sink.begin_page(state.page_id, plan.first_wanted); !s) return set_fatal(s.error());
  page.begun = true;

  std::vector<std::string> daily = available(i, m_settings.page_metrics);
  std::vector<Slot> slots;
  if (daily.empty()) plan.insights.clear();
  page.asked_insights = !plan.insights.empty();
  // Metrics kept for longer periods too are asked apart, with the period left out: Meta answers
  // their day, week and days_28 values in that one call, in the same batch (no extra request),
  // while the others' answer stays one period long.
  std::vector<std::string> periods;
  for (const PullMetric& metric : m_settings.page_metrics) {
    if (metric.periods.empty() || page.bad.count(metric.name)) continue;
    periods.push_back(metric.name);
    std::erase(daily, metric.name);
  }
  // The Page fields come with the first window's insights; without a window, alone.
  if (plan.insights.empty()) slots.push_back(Slot{Call{CallKind::page}});
  for (size_t w = 0; w < plan.insights.size(); ++w) {
    const DayWindow& window = plan.insights[w];
    int group = add_group(i, CoverageKind::insights, {window.since, window.until - 1});
    Call main{w == 0 ? CallKind::page : CallKind::page_insights, daily, window};
    if (main.kind == CallKind::page || !daily.empty()) slots.push_back(Slot{main, group});
    if (!periods.empty())
      slots.push_back(Slot{Call{CallKind::page_periods, periods, window}, group});
    for (const PullMetric& metric : m_settings.page_metrics) {
      if (page.bad.count(metric.name)) continue;
      for (const std::string& dimension : metric.breakdowns) {
        Call breakdown{CallKind::page_breakdown, {metric.name}, window};
        breakdown.breakdown = dimension;
        slots.push_back(Slot{breakdown, group});
      }
    }
  }
  std::vector<std::string> lifetime = available(i, m_settings.post_metrics);
  for (const PostsWindow& window : plan.posts) {
    int group = add_group(i, CoverageKind::posts, covered_days(window, m_today));
    Call posts{CallKind::posts, lifetime};
    posts.posts_window = window;
    slots.push_back(Slot{posts, group});
  }
  Step step;
  for (Slot& slot : slots) add_new(i, std::move(slot), step);
  enqueue(i, std::move(step.now), Clock::now());
}

void Engine::add_new(size_t i, Slot slot, Step& step) {
  ++m_pages[i].outstanding;
  if (slot.group >= 0) ++m_pages[i].groups[slot.group].pending;
  step.now.push_back(std::move(slot));
}

void Engine::enqueue(size_t i, std::vector<Slot> slots, Clock::time_point not_before, bool found) {
  std::deque<Job>& queue = found ? m_found : m_pending;
  const size_t budget =
      k_max_batch_body -
      std::min(k_max_batch_body / 2, url_encode(m_settings.target.token).size() + k_batch_overhead);
  Job job{i, {}, not_before};
  size_t used = 0;
  for (Slot& slot : slots) {
    size_t size = batch_item_size(relative_url(m_pages[i].report.page_id, slot.call));
    if (!job.slots.empty() && (job.slots.size() == k_max_batch_items || used + size > budget)) {
      queue.push_back(std::move(job));
      job = Job{i, {}, not_before};
      used = 0;
    }
    used += size;
    job.slots.push_back(std::move(slot));
  }
  if (!job.slots.empty()) queue.push_back(std::move(job));
}

std::vector<HttpJob> Engine::release(bool found_only) {
  std::vector<HttpJob> out;
  size_t limit = m_slow_wait.count() > 0 ? 1 : static_cast<size_t>(m_settings.max_parallel);
  while (!m_fatal && (!m_found.empty() || (!found_only && !m_pending.empty())) &&
         m_in_flight.size() < limit) {
    std::deque<Job>& queue = m_found.empty() ? m_pending : m_found;
    Job job = std::move(queue.front());
    queue.pop_front();
    if (m_pages[job.page].phase != Phase::running) {
      abandon(job.page, job.slots.size());
      maybe_finish(job.page);
      continue;
    }
    Clock::time_point start = std::max(job.not_before, m_pause_until);
    if (m_slow_wait.count() > 0) {
      start = std::max(start, m_next_start);
      m_next_start = start + m_slow_wait;
    }
    std::vector<std::string> urls;
    for (const Slot& slot : job.slots)
      urls.push_back(relative_url(m_pages[job.page].report.page_id, slot.call));
    HttpRequest request = urls.size() == 1 ? get_request(m_settings.target, urls.front())
                                           : batch_requests(m_settings.target, urls).front();
    std::uint64_t tag = ++m_next_tag;
    m_in_flight.emplace(tag, std::move(job));
    out.push_back(HttpJob{std::move(request), tag, start});
  }
  return out;
}

void Engine::on_done(const HttpJob& http, Result<HttpResponse> response, HttpQueue& queue) {
  auto it = m_in_flight.find(http.tag);
  Job job = std::move(it->second);
  m_in_flight.erase(it);
  size_t i = job.page;
  ++m_http_requests;
  m_graph_calls += static_cast<int>(job.slots.size());
  ++m_pages[i].report.http_requests;

  Step step;
  if (!response) {
    // The request could not even be attempted (a malformed --graph-url): no point retrying.
    set_code(i, response.error().code, response.error().message);
    stop_page(i);
    abandon(i, job.slots.size());
  } else {
    Usage usage = parse_usage(response->headers);
    pace(usage);
    if (job.slots.size() == 1) {
      if (response->status == 200) send_found(queue);
      answer(i, std::move(job.slots.front()), *response, usage, step);
    } else {
      answer_batch(i, http.request, std::move(job.slots), *response, usage, step, queue);
    }
  }
  commit(i, step);
  if (!step.now.empty()) enqueue(i, std::move(step.now), Clock::now(), /*found=*/true);
  if (!step.retry.empty()) {
    int retry = 0;
    for (const Slot& slot : step.retry) retry = std::max(retry, slot.retries);
    milliseconds delay = backoff_delay(m_settings.backoff, retry, m_settings.random01());
    enqueue(i, std::move(step.retry), Clock::now() + delay);
  }
  maybe_finish(i);
  for (auto& job_out : release()) queue.add(std::move(job_out));
  if (m_settings.on_progress) {
    m_settings.on_progress(
        PullProgress{m_pages_done, static_cast<int>(m_pages.size()), m_http_requests});
  }
  if (m_fatal) queue.stop();
}

void Engine::send_found(HttpQueue& queue) {
  if (m_slow_wait.count() > 0 || m_pause_until > Clock::now()) return;
  for (auto& job : release(/*found_only=*/true)) queue.add(std::move(job));
  queue.flush();
}

void Engine::answer_batch(size_t i, const HttpRequest& request, std::vector<Slot> slots,
                          const HttpResponse& response, const Usage& usage, Step& step,
                          HttpQueue& queue) {
  if (auto failure = classify(response)) {
    std::string message = failure_message(request, response);
    for (Slot& slot : slots) failed(i, std::move(slot), *failure, message, usage, step);
    return;
  }
  auto items = parse_batch(response.body);
  if (!items) {
    std::string message =
        fmt::format("{} {}: invalid batch answer: {}", method_name(request.method),
                    redact(request.url), items.error().message);
    for (Slot& slot : slots) failed(i, std::move(slot), Failure::transient, message, usage, step);
    return;
  }
  // Every call answered 200, so none is a throttle or a failure that stops the Page.
  bool all_ok = items->size() >= slots.size();
  for (size_t k = 0; all_ok && k < slots.size(); ++k)
    all_ok = (*items)[k] && (*items)[k]->code == 200;
  if (all_ok) send_found(queue);
  for (size_t k = 0; k < slots.size(); ++k) {
    if (k >= items->size() || !(*items)[k]) {
      // Meta leaves null the requests of a batch it did not complete: ask them again.
      std::string message = fmt::format("GET {}: Meta did not complete this request of a batch",
                                        redact(call_url(i, slots[k].call)));
      failed(i, std::move(slots[k]), Failure::transient, message, usage, step);
      continue;
    }
    BatchItem& item = *(*items)[k];
    // Headers are left out: answer() reads only the status and body, and the batch's usage
    // headers were read already.
    HttpResponse item_response;
    item_response.status = item.code;
    item_response.body = std::move(item.body);
    answer(i, std::move(slots[k]), item_response, usage, step);
  }
}

std::string Engine::call_url(size_t i, const Call& call) const {
  std::string_view base = m_settings.target.base_url;
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  return fmt::format("{}/{}/{}", base, m_settings.target.version,
                     relative_url(m_pages[i].report.page_id, call));
}

void Engine::answer(size_t i, Slot slot, const HttpResponse& response, const Usage& usage,
                    Step& step) {
  if (auto failure = classify(response)) {
    // A batch item is described as the GET it stands for.
    HttpRequest described{HttpMethod::get, call_url(i, slot.call), ""};
    auto error = parse_graph_error(response.body);
    return failed(i, std::move(slot), *failure, failure_message(described, response), usage, step,
                  error ? error->message : "");
  }
  DecodeContext context{m_pages[i].report.page_id, m_today, &m_settings.page_metrics,
                        &m_settings.post_metrics};
  auto decoded = decode_answer(context, slot.call, response.body);
  if (!decoded) {
    std::string message =
        fmt::format("GET {}: invalid answer: {}", call_url(i, slot.call), decoded.error().message);
    return failed(i, std::move(slot), Failure::transient, message, usage, step);
  }
  succeeded(i, slot, std::move(*decoded), step);
}

void Engine::succeeded(size_t i, const Slot& slot, Decoded decoded, Step& step) {
  PageRun& page = m_pages[i];
  const Call& call = slot.call;
  if (call.kind == CallKind::probe_page_metric || call.kind == CallKind::probe_post_metric) {
    page.good.insert(call.metrics.front());
    page.probing.erase(call.metrics.front());
    complete(i, slot, step);
    release_held(i, step);
    return;
  }
  PullChunk& chunk = decoded.chunk;
  // Looked up before inserted: a std::string is made only for a metric not seen before.
  auto answered = [&page](std::string_view metric) {
    if (page.good.find(metric) == page.good.end()) page.good.emplace(metric);
  };
  long daily = 0;
  for (const PulledValue& value : chunk.values) {
    if (value.period == "day") {
      ++daily;
      answered(value.metric);
    }
  }
  for (const PulledPostMetric& metric : chunk.post_metrics) answered(metric.metric);
  if (carries_insights(call.kind) && (daily > 0 || !chunk.breakdowns.empty()))
    page.got_insights = true;
  if (slot.group >= 0)
    page.groups[slot.group].values += daily + static_cast<long>(chunk.breakdowns.size());
  PageReport& report = page.report;
  report.values += static_cast<long>(chunk.values.size() + chunk.breakdowns.size());
  report.posts += static_cast<long>(chunk.posts.size());
  report.post_metrics += static_cast<long>(chunk.post_metrics.size());
  report.comments += static_cast<long>(chunk.comments.size());
  report.comments_skipped += chunk.comments_skipped;
  page.rows += chunk.rows();
  if (!chunk.empty()) step.chunks.push_back(std::move(chunk));
  // A Page that stopped keeps what it received but asks for nothing more.
  if (page.phase == Phase::running) {
    for (Call& next : decoded.follow_ups) add_new(i, Slot{std::move(next), slot.group}, step);
  }
  complete(i, slot, step);
}

void Engine::complete(size_t i, const Slot& slot, Step& step) {
  PageRun& page = m_pages[i];
  --page.outstanding;
  if (slot.group < 0) return;
  Group& group = page.groups[slot.group];
  if (--group.pending > 0 || page.phase != Phase::running) return;
  if (group.coverage.kind == CoverageKind::insights && group.values == 0) {
    page.empty_windows.push_back(group.coverage);
  } else {
    step.covered.push_back(group.coverage);
  }
}

void Engine::abandon(size_t i, size_t count) {
  m_pages[i].outstanding -= static_cast<int>(count);
}

void Engine::commit(size_t i, Step& step) {
  if (!step.covered.empty()) {
    if (step.chunks.empty()) step.chunks.emplace_back();
    auto& covered = step.chunks.back().covered;
    covered.insert(covered.end(), step.covered.begin(), step.covered.end());
  }
  if (step.chunks.empty() || m_fatal) return;
  if (auto s = m_sink.write(m_pages[i].report.page_id, std::move(step.chunks)); !s)
    set_fatal(s.error());
}

void Engine::maybe_finish(size_t i) {
  PageRun& page = m_pages[i];
  if (page.phase == Phase::finished || page.outstanding > 0) return;
  finish_page(i);
}

void Engine::finish_page(size_t i) {
  PageRun& page = m_pages[i];
  page.phase = Phase::finished;
  ++m_pages_done;
  PageOutcome outcome;
  outcome.page_id = page.report.page_id;
  outcome.message = page.report.message;
  outcome.rows = page.rows;
  outcome.resume_after = page.resume_after;
  outcome.status = page.report.code == ExitCode::ok ? PageRunStatus::ok
                   : page.rows > 0                  ? PageRunStatus::partial
                                                    : PageRunStatus::failed;
  outcome.insights_empty =
      page.asked_insights && !page.got_insights && page.report.code == ExitCode::ok;
  if (page.got_insights || page.state->has_insights) outcome.covered = page.empty_windows;
  if (outcome.insights_empty) {
    page.report.warnings.push_back(fmt::format(
        "Page {}: Meta answered every insights request with no data; the token may lack the "
        "read_insights permission (nothing was stored for those days)",
        page.report.page_id));
  }
  outcome.available.assign(page.good.begin(), page.good.end());
  if (auto s = m_sink.finish_page(outcome); !s) set_fatal(s.error());
}

}  // namespace pull_engine

ExitCode PullReport::code() const {
  ExitCode worst = ExitCode::ok;
  for (const PageReport& page : pages) {
    if (pull_engine::severity(page.code) > pull_engine::severity(worst)) worst = page.code;
  }
  return worst;
}

PullReport pull_pages(HttpClient& client, const PullSettings& settings,
                      const std::vector<PageState>& pages, PullSink& sink) {
  return pull_engine::Engine(client, settings, sink, pages).run();
}

}  // namespace pageaudit
