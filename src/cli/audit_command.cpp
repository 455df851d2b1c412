// pageaudit audit: load the goals, read the Page's data (or every Page's) as of a day, audit it,
// record the audit, deliver the report.
#include <algorithm>
#include <filesystem>
#include <string_view>
#include <utility>
#include <vector>

#include "pageaudit/audit/audit.h"
#include "pageaudit/audit/page_choice.h"
#include "pageaudit/cli/commands.h"
#include "pageaudit/core/clock.h"
#include "pageaudit/core/read_file.h"
#include "pageaudit/output/json_report.h"
#include "pageaudit/output/pending_report.h"
#include "pageaudit/output/report_format.h"
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
  ReportFormat format = ReportFormat::text;
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
  if (auto format = parse_report_format(options.format)) {
    plan.format = *format;
  } else {
    return failf(ExitCode::usage, "--format: expected text, markdown, json or html, got \"{}\"",
                 options.format);
  }
  if (options.lang) {
    plan.lang = parse_language(*options.lang);
    if (!plan.lang)
      return failf(ExitCode::usage, "--lang: expected en or es, got \"{}\"", *options.lang);
  }
  if (options.all_pages && options.page_id) {
    return fail(ExitCode::usage, "--page and --all-pages exclude each other");
  }
  if (options.all_pages && options.goals_file) {
    return fail(ExitCode::usage,
                "--goals and --all-pages exclude each other: --all-pages audits each Page against "
                "its stored goals");
  }
  if (options.all_pages && plan.format == ReportFormat::html &&
      !(options.output && std::filesystem::is_directory(*options.output))) {
    return fail(ExitCode::usage,
                "--all-pages --format html: --output must name a directory, where each Page's "
                "report is written as PAGE_ID.html");
  }
  if (options.fail_on) {
    plan.fail_on = parse_fail_on(*options.fail_on);
    if (!plan.fail_on) {
      return failf(ExitCode::usage, "--fail-on: expected behind or missed, got \"{}\"",
                   *options.fail_on);
    }
  }
  return plan;
}

// The Page to audit: --page, else the goals file's page, else the store's only Page.
Result<std::string> page_to_audit(Database& db, const AuditOptions& options,
                                  const std::optional<Goals>& goals) {
  auto pages = list_pages(db);
  if (!pages) return tl::unexpected(pages.error());
  std::vector<std::string> ids;
  for (const PageInfo& p : *pages) ids.push_back(p.page_id);
  const PageChoice choice{options.page_id, options.goals_file, goals ? goals->page : std::nullopt};
  return choose_page(ids, db.path(), choice);
}

// One Page's audit as the report and the store see it.
struct PageAudit {
  AuditInput input;
  AuditRecord record;
};

// Audits page: against goals when given (from --goals), else against its stored goals; as of
// --as-of, else the Page's last day with followers.
Result<PageAudit> audit_page(Database& db, AuditInputReader& reader, const std::string& page,
                             std::optional<Goals> goals, std::optional<std::string> goals_source,
                             const AuditPlan& plan, const AuditOptions& options,
                             const std::string& started_at, const Console& console,
                             const Clock& clock) {
  AuditScope scope;
  scope.page_id = page;
  if (goals) {
    scope.goals = std::move(*goals);
  } else {
    auto stored = load_stored_goals(db, page);
    if (!stored) return tl::unexpected(stored.error());
    if (*stored) {
      scope.goals = std::move((*stored)->goals);
      goals_source = (*stored)->source;
    } else {
      console.info(fmt::format("no goals are loaded for Page {}: auditing the figures only", page));
    }
  }
  scope.language = plan.lang.value_or(scope.goals.language.value_or(Language::en));
  scope.window_days = options.window_days;
  scope.today = clock.today();
  scope.as_of = plan.as_of;

  auto input = reader.load(scope);
  if (!input) return tl::unexpected(input.error());
  AuditResult result = run_audit(*input);
  std::string json = render_json(result);
  return PageAudit{std::move(*input),
                   AuditRecord{std::move(result),
                               AuditRun{std::string(report_format_name(plan.format)),
                                        std::move(goals_source), started_at},
                               std::move(json)}};
}

// Audits each Page (against goals when given, from --goals, else its stored goals), records the
// audits all in one transaction, and only then delivers the reports: one document, or with
// --all-pages --format html one PAGE_ID.html per Page in --output. --fail-on has the last word.
Status audit_pages(Database& db, const std::vector<std::string>& pages, std::optional<Goals> goals,
                   const AuditPlan& plan, const AuditOptions& options,
                   const std::string& started_at, const Console& console, const Clock& clock) {
  auto reader = AuditInputReader::prepare(db);
  if (!reader) return tl::unexpected(reader.error());
  const bool file_per_page = options.all_pages && plan.format == ReportFormat::html;
  std::vector<AuditRecord> records;
  records.reserve(pages.size());
  std::vector<PendingReport> pending;  // one per Page for html, else one
  std::vector<std::string> reports;
  for (const std::string& page : pages) {
    auto audit = audit_page(db, *reader, page, std::exchange(goals, std::nullopt),
                            options.goals_file, plan, options, started_at, console, clock);
    if (!audit) return tl::unexpected(audit.error());
    const AuditRecord& record = audit->record;
    std::string report = render_report(audit->input, record.result, plan.format, record.json);
    if (file_per_page) {
      // check_options made sure --output is a directory.
      const std::string path = (std::filesystem::path(*options.output) / (page + ".html")).string();
      auto staged =
          PendingReport::stage(path, std::move(report), fmt::format("the audit of Page {}", page));
      if (!staged) return tl::unexpected(staged.error());
      pending.push_back(std::move(*staged));
    } else {
      reports.push_back(std::move(report));
    }
    records.push_back(std::move(audit->record));
  }
  if (!file_per_page) {
    auto staged =
        options.all_pages
            ? PendingReport::stage(options.output, join_reports(plan.format, reports),
                                   fmt::format("the audits of {} Pages", records.size()))
            : PendingReport::stage(options.output, std::move(reports.front()),
                                   fmt::format("the audit of Page {} as of {}", pages.front(),
                                               records.front().result.as_of.iso()));
    if (!staged) return tl::unexpected(staged.error());
    pending.push_back(std::move(*staged));
  }

  auto recorded = record_audits(db, records);
  if (!recorded) return tl::unexpected(recorded.error());
  const auto print = [&](const std::string& text) { console.result(text); };
  const auto note = [&](const std::string& text) { console.info(text); };
  for (PendingReport& report : pending) {
    if (auto s = report.deliver(print, note); !s) return s;
  }
  if (!plan.fail_on) return {};
  if (!options.all_pages) return check_fail_on(records.front().result, *plan.fail_on);
  std::vector<const AuditResult*> results;
  results.reserve(records.size());
  for (const AuditRecord& record : records) results.push_back(&record.result);
  return check_fail_on(results, *plan.fail_on);
}

// --all-pages: every Page in page_id order, each against its stored goals.
Result<std::vector<std::string>> all_pages(Database& db, const AuditPlan& plan) {
  auto pages = list_pages(db);
  if (!pages) return tl::unexpected(pages.error());
  if (pages->empty()) return no_page_in(db.path());
  std::vector<std::string> ids;
  for (const PageInfo& page : *pages) {
    // Checked for all Pages before anything is written.
    const std::string& id = page.page_id;
    if (plan.format == ReportFormat::html) {
      if (auto s = check_report_file_name(id); !s) return tl::unexpected(s.error());
    }
    ids.push_back(id);
  }
  return ids;
}

}  // namespace

Status run_audit_command(const GlobalOptions& global, const AuditOptions& options,
                         const Console& console, const Clock& clock) {
  const std::string started_at = clock.now_iso();
  auto plan = check_options(options);
  if (!plan) return tl::unexpected(plan.error());

  // The goals file is read and checked before the store is touched: a bad file writes nothing.
  std::optional<std::string> goals_text;
  std::optional<Goals> file_goals;
  if (options.goals_file) {
    auto text = read_whole_file(*options.goals_file);
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
  store_options.clock = &clock;
  auto store = Store::open(global.db_path, store_options);
  if (!store) return tl::unexpected(store.error());
  Database& db = (*store)->db();
  if (options.all_pages) {
    auto pages = all_pages(db, *plan);
    if (!pages) return tl::unexpected(pages.error());
    return audit_pages(db, *pages, std::nullopt, *plan, options, started_at, console, clock);
  }

  auto page = page_to_audit(db, options, file_goals);
  if (!page) return tl::unexpected(page.error());
  if (file_goals) {
    if (auto s = save_goals(db, *page, *file_goals, *goals_text, *options.goals_file); !s) return s;
  }
  return audit_pages(db, {*page}, std::move(file_goals), *plan, options, started_at, console,
                     clock);
}

}  // namespace pageaudit
