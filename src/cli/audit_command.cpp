// pageaudit audit: load the goals, read the Page's data as of a day, audit it, write the report,
// record the audit.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "pageaudit/audit/audit.h"
#include "pageaudit/cli/commands.h"
#include "pageaudit/core/clock.h"
#include "pageaudit/output/html_report.h"
#include "pageaudit/output/json_report.h"
#include "pageaudit/output/text_report.h"
#include "pageaudit/store/audit_store.h"
#include "pageaudit/store/store.h"

namespace pageaudit {
namespace {

// The longest window that still reads as "recent": ten years.
constexpr int k_max_window_days = 3660;

// The options, checked and parsed.
struct AuditPlan {
  std::optional<Date> as_of;
  std::optional<Language> lang;
  std::optional<GoalStatus> fail_on;
};

Result<AuditPlan> check_options(const AuditOptions& options) {
  AuditPlan plan;
  if (options.as_of) {
    plan.as_of = Date::parse_iso(*options.as_of);
    if (!plan.as_of) {
      return failf(ExitCode::usage, "--as-of: expected a date YYYY-MM-DD, got \"{}\"",
                   *options.as_of);
    }
  }
  if (options.window_days < 1 || options.window_days > k_max_window_days) {
    return failf(ExitCode::usage, "--window: expected a number of days from 1 to {}, got {}",
                 k_max_window_days, options.window_days);
  }
  if (options.format != "text" && options.format != "markdown" && options.format != "json" &&
      options.format != "html") {
    return failf(ExitCode::usage, "--format: expected text, markdown, json or html, got \"{}\"",
                 options.format);
  }
  if (options.lang) {
    plan.lang = parse_language(*options.lang);
    if (!plan.lang)
      return failf(ExitCode::usage, "--lang: expected en or es, got \"{}\"", *options.lang);
  }
  if (options.fail_on) {
    if (*options.fail_on == "behind") {
      plan.fail_on = GoalStatus::behind;
    } else if (*options.fail_on == "missed") {
      plan.fail_on = GoalStatus::missed;
    } else {
      return failf(ExitCode::usage, "--fail-on: expected behind or missed, got \"{}\"",
                   *options.fail_on);
    }
  }
  return plan;
}

// The whole file, for the parser and for the store.
Result<std::string> read_whole(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    return fail(ExitCode::no_input, at(path, 0, "is a directory"));
  }
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file)
    return fail(ExitCode::no_input,
                at(path, 0, fmt::format("cannot open: {}", std::strerror(errno))));
  std::string text;
  char buffer[65536];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, n);
  const bool failed = std::ferror(file);
  std::fclose(file);
  if (failed) return fail(ExitCode::no_input, at(path, 0, "cannot read"));
  return text;
}

std::string page_list(const std::vector<PageInfo>& pages) {
  std::string out;
  for (const PageInfo& p : pages) out += (out.empty() ? "" : ", ") + p.page_id;
  return out;
}

bool has_page(const std::vector<PageInfo>& pages, const std::string& id) {
  return std::any_of(pages.begin(), pages.end(),
                     [&](const PageInfo& p) { return p.page_id == id; });
}

// The Page to audit: --page, else the goals file's page, else the store's only Page.
Result<std::string> choose_page(Database& db, const AuditOptions& options,
                                const std::optional<Goals>& goals) {
  auto pages = list_pages(db);
  if (!pages) return tl::unexpected(pages.error());
  const std::optional<std::string> from_goals = goals ? goals->page : std::nullopt;
  if (options.page_id && from_goals && *options.page_id != *from_goals) {
    return failf(ExitCode::usage, "--page {}: the goals file {} is for Page {}", *options.page_id,
                 *options.goals_file, *from_goals);
  }
  if (options.page_id) {
    if (!has_page(*pages, *options.page_id)) {
      return failf(ExitCode::usage, "--page {}: no such Page in {} (it holds: {})",
                   *options.page_id, db.path(), pages->empty() ? "none" : page_list(*pages));
    }
    return *options.page_id;
  }
  if (from_goals) {
    if (!has_page(*pages, *from_goals)) {
      return fail(ExitCode::data,
                  at(*options.goals_file, 0,
                     fmt::format("page \"{}\" is not in {} (it holds: {})", *from_goals, db.path(),
                                 pages->empty() ? "none" : page_list(*pages))));
    }
    return *from_goals;
  }
  if (pages->empty()) {
    return failf(ExitCode::no_input,
                 "{}: the store holds no Page yet; import an export or run pageaudit pull",
                 db.path());
  }
  if (pages->size() > 1) {
    return failf(ExitCode::usage, "the store holds {} Pages ({}): choose one with --page ID",
                 pages->size(), page_list(*pages));
  }
  return pages->front().page_id;
}

// Writes text to path through a temporary file in the same folder and a rename, so that a
// reader never sees half a report and a failed write leaves the old one.
Status write_atomically(const std::string& path, const std::string& text) {
  std::string temp = path + ".XXXXXX";
  const int fd = ::mkstemp(temp.data());
  int error = fd < 0 ? errno : 0;
  if (fd >= 0) {
    // mkstemp makes the file 0600; a report gets the permissions of any file the user creates.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    if (::fchmod(fd, 0666 & ~mask) != 0) error = errno;
    for (size_t written = 0; error == 0 && written < text.size();) {
      const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
      if (n > 0) {
        written += static_cast<size_t>(n);
      } else if (n == 0 || errno != EINTR) {
        error = n == 0 ? EIO : errno;
      }
    }
    if (error == 0 && ::fsync(fd) != 0) error = errno;
    if (::close(fd) != 0 && error == 0) error = errno;
    if (error == 0 && std::rename(temp.c_str(), path.c_str()) != 0) error = errno;
    if (error != 0) std::remove(temp.c_str());
  }
  if (error == 0) return {};
  return fail(ExitCode::cant_create,
              at(path, 0, fmt::format("cannot write: {}", std::strerror(error))));
}

// --fail-on: the goals in that state or a worse one, in the order met < on_track < behind <
// missed. no_data is not a state of progress and never fails.
Status check_fail_on(const AuditResult& result, GoalStatus threshold) {
  const auto rank = [](GoalStatus s) {
    switch (s) {
      case GoalStatus::met:
        return 0;
      case GoalStatus::on_track:
        return 1;
      case GoalStatus::behind:
        return 2;
      case GoalStatus::missed:
        return 3;
      case GoalStatus::no_data:
        return -1;
    }
    return -1;
  };
  std::string failing;
  long count = 0;
  for (const GoalResult& g : result.goals) {
    if (rank(g.status) < rank(threshold)) continue;
    failing += fmt::format("{}{} ({})", failing.empty() ? "" : ", ", g.goal.id,
                           goal_status_name(g.status));
    ++count;
  }
  if (count == 0) return {};
  return failf(ExitCode::goal_failed, "--fail-on {}: {} {} {}: {}", goal_status_name(threshold),
               count, count == 1 ? "goal is" : "goals are",
               threshold == GoalStatus::missed ? "missed" : "behind or missed", failing);
}

}  // namespace

Status run_audit_command(const GlobalOptions& global, const AuditOptions& options,
                         const Console& console) {
  const std::string started_at = utc_now_iso();
  auto plan = check_options(options);
  if (!plan) return tl::unexpected(plan.error());

  // The goals file is read and checked before the store is touched: a bad file writes nothing.
  std::optional<std::string> goals_text;
  std::optional<Goals> file_goals;
  if (options.goals_file) {
    auto text = read_whole(*options.goals_file);
    if (!text) return tl::unexpected(text.error());
    auto parsed = parse_goals(*text, *options.goals_file);
    if (!parsed) return tl::unexpected(parsed.error());
    goals_text = std::move(*text);
    file_goals = std::move(*parsed);
  }

  // No run lock: the audit must work while a pull runs; SQLite's busy timeout covers its writes.
  StoreOptions store_options;
  store_options.create = false;
  store_options.writer = false;
  auto store = Store::open(global.db_path, store_options);
  if (!store) return tl::unexpected(store.error());
  Database& db = (*store)->db();

  auto page = choose_page(db, options, file_goals);
  if (!page) return tl::unexpected(page.error());

  AuditScope scope;
  scope.page_id = *page;
  std::optional<std::string> goals_source;
  if (file_goals) {
    if (auto s = save_goals(db, *page, *file_goals, *goals_text, *options.goals_file); !s) return s;
    scope.goals = std::move(*file_goals);
    goals_source = options.goals_file;
  } else {
    auto stored = load_stored_goals(db, *page);
    if (!stored) return tl::unexpected(stored.error());
    if (*stored) {
      scope.goals = std::move((*stored)->goals);
      goals_source = (*stored)->source;
    } else {
      console.info(
          fmt::format("no goals are loaded for Page {}: auditing the figures only", *page));
    }
  }
  scope.language = plan->lang.value_or(scope.goals.language.value_or(Language::en));
  scope.window_days = options.window_days;
  scope.today = today();
  if (plan->as_of) {
    scope.as_of = *plan->as_of;
  } else {
    auto last = last_follower_day(db, *page);
    if (!last) return tl::unexpected(last.error());
    // Without follower data, yesterday: the last whole day (the report says what is missing).
    scope.as_of = last->value_or(scope.today - 1);
  }

  auto input = load_audit_input(db, scope);
  if (!input) return tl::unexpected(input.error());
  const AuditResult result = run_audit(*input);
  const std::string json = render_json(result);
  std::string report;
  if (options.format == "json") {
    report = json + "\n";
  } else if (options.format == "html") {
    report = render_html(*input, result);
  } else {
    report = render_report(
        *input, result, options.format == "markdown" ? ReportFormat::markdown : ReportFormat::text);
  }

  if (options.output) {
    if (auto s = write_atomically(*options.output, report); !s) return s;
    console.info(fmt::format("wrote the audit of Page {} as of {} to {}", *page, scope.as_of.iso(),
                             *options.output));
  } else {
    report.pop_back();  // Console::result ends the line itself
    console.result(report);
  }

  auto recorded =
      record_audit(db, result, AuditRun{options.format, goals_source, started_at}, json);
  if (!recorded) return tl::unexpected(recorded.error());
  if (plan->fail_on) return check_fail_on(result, *plan->fail_on);
  return {};
}

}  // namespace pageaudit
