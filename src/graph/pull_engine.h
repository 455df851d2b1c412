// The pull engine's inner workings, shared by src/graph/pull.cpp (scheduling and answers) and
// src/graph/pull_failures.cpp (retries, refused metrics, throttling). Not a public header.
#pragma once

#include <chrono>
#include <deque>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "pageaudit/graph/pull.h"
#include "pageaudit/graph/pull_calls.h"

namespace pageaudit::pull_engine {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A call on its way: queued, in flight, waiting for a retry or for probes.
struct Slot {
  Call call;
  int group = -1;  // the window whose completion it counts towards; -1 for probes
  int retries = 0;
};

// A window (days of insights or of posts) and the calls still needed to complete it.
struct Group {
  Coverage coverage;
  int pending = 0;
  long values = 0;  // daily values received (insights windows)
};

enum class Phase { running, stopping, finished };

struct PageRun {
  const PageState* state = nullptr;
  PageReport report;
  Phase phase = Phase::running;
  std::set<std::string> bad;                       // unavailable for this Page
  std::set<std::string, std::less<>> good;         // answered this run
  std::set<std::string> probing;                   // asked alone to find which one Meta refuses
  std::vector<std::pair<Slot, std::string>> held;  // refused (#100), waiting for the probes
  std::vector<Group> groups;
  std::vector<Coverage> empty_windows;
  bool asked_insights = false;
  bool got_insights = false;
  bool begun = false;   // the sink recorded its start
  int outstanding = 0;  // slots alive anywhere
  long rows = 0;
  std::optional<std::int64_t> resume_after;
};

struct Job {
  size_t page = 0;
  std::vector<Slot> slots;
  Clock::time_point not_before{};
};

// What reading one HTTP answer produced for its Page.
struct Step {
  std::vector<PullChunk> chunks;
  std::vector<Coverage> covered;
  std::vector<Slot> now;    // new and re-issued calls, sent at once
  std::vector<Slot> retry;  // transient failures, sent again after a backoff delay
};

// Ranks exit codes: the most serious wins (77, 73, 70, 64, 69, 65, 75, 0).
int severity(ExitCode code);

class Engine {
 public:
  Engine(HttpClient& client, const PullSettings& settings, PullSink& sink,
         const std::vector<PageState>& pages);

  // Runs every Page to its end; the report of each.
  PullReport run();

 private:
  // Starting (pull.cpp).
  std::vector<std::string> available(size_t i, const std::vector<PullMetric>& metrics) const;
  int add_group(size_t i, CoverageKind kind, DayRange days);
  // The Page's first round: Page fields, every window's insights and breakdowns, post listings.
  void start_page(size_t i);

  // Queueing (pull.cpp).
  // Counts a new call for its Page and its window, and queues it with the step's `now` calls.
  void add_new(size_t i, Slot slot, Step& step);
  // Packs calls into jobs of at most k_max_batch_items whose batch body stays within
  // k_max_batch_body bytes, queued in m_found when `found` (see there), else in m_pending.
  void enqueue(size_t i, std::vector<Slot> slots, Clock::time_point not_before, bool found = false);
  // Hands queued jobs to the HTTP client, up to the parallelism the pace allows; with
  // found_only, only jobs of m_found.
  std::vector<HttpJob> release(bool found_only = false);

  // Answers (pull.cpp).
  void on_done(const HttpJob& http, Result<HttpResponse> response, HttpQueue& queue);
  // Reading an answer is most of the client's work for it, and the slot it freed would stand
  // idle meanwhile: calls found in earlier answers go out first, once the answer is known to
  // hold no failure (a throttle's pause, or a stop, must come first), and not while Meta asks
  // to slow down. Other Pages' first calls wait for the answer, which may find more of this
  // Page's: Pages still finish one after another.
  void send_found(HttpQueue& queue);
  void answer_batch(size_t i, const HttpRequest& request, std::vector<Slot> slots,
                    const HttpResponse& response, const Usage& usage, Step& step, HttpQueue& queue);
  // The URL of a call without the token (as messages show it).
  std::string call_url(size_t i, const Call& call) const;
  void answer(size_t i, Slot slot, const HttpResponse& response, const Usage& usage, Step& step);
  void succeeded(size_t i, const Slot& slot, Decoded decoded, Step& step);

  // Bookkeeping (pull.cpp).
  // A call is done: its window may be complete.
  void complete(size_t i, const Slot& slot, Step& step);
  // Calls dropped without an answer (their Page stopped): their windows stay incomplete. The
  // caller sees to maybe_finish() once the answer at hand is committed.
  void abandon(size_t i, size_t count);
  // Hands the step's data and completed windows to the sink.
  void commit(size_t i, Step& step);
  void maybe_finish(size_t i);
  void finish_page(size_t i);

  // Failures (pull_failures.cpp).
  // Retries, stops the Page, stops the run, or drops refused metrics, as the failure calls for.
  // `meta` is Meta's own message when the answer had one.
  void failed(size_t i, Slot slot, Failure failure, const std::string& message, const Usage& usage,
              Step& step, const std::string& meta = "");
  // One invalid metric fails Meta's whole answer without naming it. A call of one metric names
  // it; for several, the unknown ones are asked alone (one small batch) and the call waits.
  void refused_metric(size_t i, Slot slot, const std::string& message, const std::string& meta,
                      Step& step);
  void mark_bad(size_t i, const std::string& metric, const std::string& meta);
  // Sends a refused call again without the metrics now known to be refused. A call left with
  // no metric is done, except the Page fields and the post listing, which are still wanted.
  void reissue(size_t i, Slot slot, Step& step);
  // Once the probes are answered, sends the calls that waited for them.
  void release_held(size_t i, Step& step);
  // The Page's exit code and message, unless it already has a more serious one.
  void set_code(size_t i, ExitCode code, const std::string& message);
  void set_fatal(const Error& error);
  // The Page asks for nothing more; what is in flight is still read.
  void stop_page(size_t i);
  void throttle_page(size_t i, milliseconds wait, const std::string& why);
  // Usage headers: slow down above the slow threshold, pause above the pause threshold.
  void pace(const Usage& usage);
  // Holds every Page's next calls for `wait`; past the --max-wait budget, stops them all instead
  // (further calls would only extend Meta's block).
  void pause(milliseconds wait, const std::string& why);

  HttpClient& m_client;
  const PullSettings& m_settings;
  PullSink& m_sink;
  Date m_today;
  std::vector<PageRun> m_pages;
  std::deque<Job> m_pending;
  // Calls found in answers (the next page of posts, their comments and insights...), released
  // before m_pending: each Page runs through to its end while the first calls of the others
  // wait. The store then receives every kind of row all along the run, instead of every Page's
  // daily insights first (a backlog the writer cannot keep up with) and the small calls after
  // it (while the writer idles), and memory holds fewer Pages at once.
  std::deque<Job> m_found;
  std::unordered_map<std::uint64_t, Job> m_in_flight;
  std::uint64_t m_next_tag = 0;
  Clock::time_point m_pause_until{};
  milliseconds m_paused{0};
  milliseconds m_slow_wait{0};
  Clock::time_point m_next_start{};
  std::optional<Error> m_fatal;
  int m_http_requests = 0;
  int m_graph_calls = 0;
  int m_pages_done = 0;
};

}  // namespace pageaudit::pull_engine
