// pageaudit pull --page ID...: check the options, read the token, open the store, pull every Page
// (graph/pull.h) into it (store/pull_store.h), and report.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <random>
#include <sstream>

#include "pageaudit/cli/pull.h"
#include "pageaudit/core/clock.h"
#include "pageaudit/core/redact.h"
#include "pageaudit/graph/end_time.h"
#include "pageaudit/graph/pull.h"
#include "pageaudit/store/pull_store.h"
#include "pageaudit/store/store.h"

namespace pageaudit {
namespace {

constexpr const char* k_token_help =
    "use a long-lived Page access token with pages_read_engagement, read_insights and "
    "pages_read_user_content (README: \"Getting a token\")";

bool all_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

std::optional<long> parse_count(std::string_view text) {
  long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

// "600", "600s", "10m", "1h".
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  long scale = 1;
  if (!text.empty() && (text.back() == 's' || text.back() == 'm' || text.back() == 'h')) {
    scale = text.back() == 's' ? 1 : text.back() == 'm' ? 60 : 3600;
    text.remove_suffix(1);
  }
  auto count = parse_count(text);
  if (!count || *count > 7L * 24 * 3600) return std::nullopt;
  return std::chrono::milliseconds(*count * scale * 1000);
}

// --since: a date, or "Nd" for N days before today (Pacific, Meta's days).
Result<Date> parse_day(const char* option, const std::string& text, Date today,
                       bool relative_allowed) {
  if (auto day = Date::parse_iso(text)) return *day;
  if (relative_allowed && text.size() > 1 && text.back() == 'd') {
    if (auto days = parse_count(std::string_view(text).substr(0, text.size() - 1))) {
      return today - *days;
    }
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
  if (options.graph_url.rfind("https://", 0) != 0 && options.graph_url.rfind("http://", 0) != 0) {
    return failf(ExitCode::usage, "--graph-url: expected an http:// or https:// URL, got \"{}\"",
                 options.graph_url);
  }
  const std::string& version = options.api_version;
  size_t dot = version.find('.');
  if (version.size() < 4 || version[0] != 'v' || dot == std::string::npos ||
      !all_digits(std::string_view(version).substr(1, dot - 1)) ||
      !all_digits(std::string_view(version).substr(dot + 1))) {
    return failf(ExitCode::usage, "--api-version: expected a version like v25.0, got \"{}\"",
                 version);
  }
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

// The token from --token-file, else $PAGEAUDIT_TOKEN; registered as a secret at once.
Result<std::string> read_token(const PullOptions& options, const Console& console) {
  std::string token;
  if (options.token_file) {
    const std::string& path = *options.token_file;
    std::ifstream file(path, std::ios::binary);
    if (!file) {
      return failf(ExitCode::no_input, "{}: cannot read the token file: {}", path,
                   std::strerror(errno));
    }
    std::stringstream text;
    text << file.rdbuf();
    token = text.str();
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IRGRP | S_IROTH)) != 0)
      console.warning(fmt::format("{} is readable by other users; chmod 600 {}", path, path));
  } else if (const char* env = std::getenv("PAGEAUDIT_TOKEN")) {
    token = env;
  }
  size_t first = token.find_first_not_of(" \t\r\n");
  size_t last = token.find_last_not_of(" \t\r\n");
  token = first == std::string::npos ? "" : token.substr(first, last - first + 1);
  register_secret(token);
  if (token.empty()) {
    return options.token_file
               ? failf(ExitCode::no_perm, "{}: the token file is empty; {}", *options.token_file,
                       k_token_help)
               : failf(ExitCode::no_perm,
                       "no access token: set $PAGEAUDIT_TOKEN or give --token-file FILE; {}",
                       k_token_help);
  }
  return token;
}

std::int64_t system_now() {
  if (auto fixed = parse_utc_iso(utc_now_iso())) return *fixed;
  return static_cast<std::int64_t>(std::time(nullptr));
}

std::string plural(long n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string summary(const PullReport& report, double seconds) {
  long values = 0, posts = 0, post_metrics = 0, comments = 0;
  size_t complete = 0;
  for (const PageReport& page : report.pages) {
    values += page.values;
    posts += page.posts;
    post_metrics += page.post_metrics;
    comments += page.comments;
    if (page.code == ExitCode::ok) ++complete;
  }
  std::string pages = complete == report.pages.size()
                          ? plural(static_cast<long>(complete), "Page", "Pages")
                          : fmt::format("{} of {} Pages", complete, report.pages.size());
  return fmt::format("pulled {}: {}, {}, {}, {} ({}, {:.1f} s)", pages,
                     plural(values, "value", "values"), plural(posts, "post", "posts"),
                     plural(post_metrics, "post metric", "post metrics"),
                     plural(comments, "comment", "comments"),
                     plural(report.http_requests, "request", "requests"), seconds);
}

// Prints every Page's warnings and failures; returns the most serious failure.
Status report_pages(const PullReport& report, const Console& console) {
  std::vector<std::string> errors;
  for (const PageReport& page : report.pages) {
    for (const auto& warning : page.warnings) console.warning(warning);
    if (page.code != ExitCode::ok &&
        std::find(errors.begin(), errors.end(), page.message) == errors.end()) {
      errors.push_back(page.message);
    }
  }
  ExitCode code = report.code();
  if (code == ExitCode::ok) return {};
  // The most serious one is returned (main prints it last); the others are printed here.
  std::string worst;
  for (const PageReport& page : report.pages) {
    if (page.code == code) {
      worst = page.message;
      break;
    }
  }
  for (const auto& message : errors) {
    if (message != worst) console.error(message);
  }
  return fail(code, worst);
}

}  // namespace

Status run_pull(const GlobalOptions& global, const PullOptions& options, const Console& console,
                const PullSeams& seams) {
  if (auto s = check_options(options); !s) return s;
  auto now = seams.now ? seams.now : std::function<std::int64_t()>(system_now);
  Date today = pacific_day(now());
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
  auto token = read_token(options, console);
  if (!token) return tl::unexpected(token.error());

  StoreOptions store_options;
  store_options.wait_for_lock = global.wait;
  auto store = Store::open(global.db_path, store_options);
  if (!store) return tl::unexpected(store.error());
  Database& db = (*store)->db();
  auto catalogue = load_pull_catalogue(db);
  if (!catalogue) return tl::unexpected(catalogue.error());
  std::vector<PageState> pages;
  for (const auto& page_id : options.pages) {
    if (std::find_if(pages.begin(), pages.end(),
                     [&](const PageState& p) { return p.page_id == page_id; }) != pages.end()) {
      continue;  // a Page named twice is pulled once
    }
    auto state = load_page_state(db, page_id);
    if (!state) return tl::unexpected(state.error());
    pages.push_back(std::move(*state));
  }

  settings.target = GraphTarget{options.graph_url, options.api_version, *token};
  settings.page_metrics = std::move(catalogue->page_metrics);
  settings.post_metrics = std::move(catalogue->post_metrics);
  settings.refetch_days = options.refetch_days;
  settings.max_parallel = options.parallel;
  settings.max_wait = *parse_duration(options.max_wait);
  settings.backoff = seams.backoff;
  settings.usage = seams.usage;
  settings.now = now;
  std::mt19937_64 generator{std::random_device{}()};
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  settings.random01 = seams.random01;
  if (!settings.random01) settings.random01 = [&] { return uniform(generator); };
  bool progress = seams.progress && !console.quiet() && ::isatty(STDERR_FILENO) != 0;
  if (progress) {
    settings.on_progress = [](const PullProgress& p) {
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
  PullReport report = pull_pages(*client, settings, pages, sink);
  Status written = sink.close();
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
  if (progress) std::fputs("\r\033[K", stderr);
  if (!written) return written;

  console.result(summary(report, elapsed.count()));
  return report_pages(report, console);
}

}  // namespace pageaudit
