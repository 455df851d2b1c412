// pageaudit pull --page ID...: check the options, read the token, open the store, pull every Page
// (graph/pull.h) into it (store/pull_store.h), and report.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <random>

#include "pageaudit/cli/pull.h"
#include "pageaudit/core/clock.h"
#include "pageaudit/graph/end_time.h"
#include "pageaudit/graph/pull.h"
#include "pageaudit/graph/pull_summary.h"
#include "pageaudit/graph/request.h"
#include "pageaudit/graph/token.h"
#include "pageaudit/store/pull_store.h"
#include "pageaudit/store/store.h"

namespace pageaudit {
namespace {

bool all_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// --since: a date, or "Nd" for N days before today (Pacific, Meta's days).
Result<Date> parse_day(const char* option, const std::string& text, Date today,
                       bool relative_allowed) {
  if (auto day = Date::parse_iso(text)) return *day;
  if (relative_allowed) {
    if (auto day = parse_days_ago(text, today)) return *day;
  }
  return failf(
      ExitCode::usage, "{}: expected {}, got \"{}\"", option,
      relative_allowed ? "a date YYYY-MM-DD or a number of days like 30d" : "a date YYYY-MM-DD",
      text);
}

Status check_options(const PullOptions& options) {
  if (options.pages.empty()) return fail(ExitCode::usage, "pull: give at least one --page ID");
  for (const auto& page : options.pages) {
    if (!all_digits(page))
      return failf(ExitCode::usage, "--page: expected a numeric Page id, got \"{}\"", page);
  }
  if (auto s = check_graph_target(options.graph_url, options.api_version); !s) return s;
  if (options.refetch_days < 0 || options.refetch_days > 90)
    return failf(ExitCode::usage, "--refetch-days: expected 0 to 90, got {}", options.refetch_days);
  if (options.parallel < 1 || options.parallel > 64)
    return failf(ExitCode::usage, "--parallel: expected 1 to 64, got {}", options.parallel);
  if (!parse_duration(options.max_wait)) {
    return failf(ExitCode::usage,
                 "--max-wait: expected a duration like 600s, 10m or 1h, got \"{}\"",
                 options.max_wait);
  }
  return {};
}

// Prints every Page's warnings and failures; returns the most serious failure (main prints it
// last).
Status report_pages(const PullReport& report, const Console& console) {
  for (const PageReport& page : report.pages) {
    for (const auto& warning : page.warnings) console.warning(warning);
  }
  std::vector<std::string> failures = pull_failures(report);
  if (failures.empty()) return {};
  for (size_t i = 0; i + 1 < failures.size(); ++i) console.error(failures[i]);
  return fail(report.code(), failures.back());
}

// The options as the pull's settings (all but the Graph target and the metrics, which need the
// token and the store). --since and --until count from today.
Result<PullSettings> settings_from(const PullOptions& options, Date today) {
  PullSettings settings;
  if (options.since) {
    auto since = parse_day("--since", *options.since, today, true);
    if (!since) return tl::unexpected(since.error());
    settings.since = *since;
  }
  if (options.until) {
    auto until = parse_day("--until", *options.until, today, false);
    if (!until) return tl::unexpected(until.error());
    settings.until = *until;
  }
  if (settings.since && settings.until && *settings.since > *settings.until) {
    return failf(ExitCode::usage, "--since {} is after --until {}", settings.since->iso(),
                 settings.until->iso());
  }
  settings.refetch_days = options.refetch_days;
  settings.max_parallel = options.parallel;
  settings.max_wait = *parse_duration(options.max_wait);
  return settings;
}

}  // namespace

Status run_pull(const GlobalOptions& global, const PullOptions& options, const Console& console,
                const Clock& clock, const PullSeams& seams) {
  if (auto s = check_options(options); !s) return s;
  const Date today = pacific_day(clock.now());
  auto settings = settings_from(options, today);
  if (!settings) return tl::unexpected(settings.error());
  auto token = read_access_token(options.token_file, std::getenv("PAGEAUDIT_TOKEN"),
                                 [&](const std::string& w) { console.warning(w); });
  if (!token) return tl::unexpected(token.error());

  StoreOptions store_options;
  store_options.wait_for_lock = global.wait;
  store_options.clock = &clock;
  auto store = Store::open(global.db_path, store_options);
  if (!store) return tl::unexpected(store.error());
  Database& db = (*store)->db();
  auto catalogue = load_pull_catalogue(db);
  if (!catalogue) return tl::unexpected(catalogue.error());
  auto pages = load_page_states(db, options.pages);
  if (!pages) return tl::unexpected(pages.error());

  settings->target = GraphTarget{options.graph_url, options.api_version, *token};
  settings->page_metrics = std::move(catalogue->page_metrics);
  settings->post_metrics = std::move(catalogue->post_metrics);
  settings->backoff = seams.backoff;
  settings->usage = seams.usage;
  settings->now = [&clock] { return clock.now(); };
  std::mt19937_64 generator{std::random_device{}()};
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  settings->random01 = seams.random01;
  if (!settings->random01) settings->random01 = [&] { return uniform(generator); };
  bool progress = seams.progress && !console.quiet() && ::isatty(STDERR_FILENO) != 0;
  if (progress) {
    settings->on_progress = [](const PullProgress& p) {
      std::fprintf(stderr, "\rpageaudit: pulling: %d/%d Pages done, %d requests", p.pages_done,
                   p.pages_total, p.http_requests);
      std::fflush(stderr);
    };
  }

  std::unique_ptr<CurlHttpClient> own_client;
  HttpClient* client = seams.client;
  if (!client) {
    own_client = std::make_unique<CurlHttpClient>();
    client = own_client.get();
  }
  PullStore sink(db, today.iso(), options.keep_pii);
  auto started = std::chrono::steady_clock::now();
  PullReport report = pull_pages(*client, *settings, *pages, sink);
  Status written = sink.close();
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
  if (progress) std::fputs("\r\033[K", stderr);
  if (!written) return written;

  console.result(pull_summary(report, elapsed.count()));
  return report_pages(report, console);
}

}  // namespace pageaudit
