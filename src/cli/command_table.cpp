// pageaudit's command table: each command's name, help, options and the function that runs it.
#include <CLI/CLI.hpp>

#include "pageaudit/cli/app.h"
#include "pageaudit/cli/pull.h"

namespace pageaudit {
namespace {

struct NoOptions {};

void add_init_options(CLI::App& cmd, InitOptions& init) {
  cmd.add_option("--assign-unowned", init.assign_unowned,
                 "move the customers, time log and outcomes that belong to no Page to this one")
      ->type_name("ID");
}

void add_import_options(CLI::App& cmd, ImportOptions& import) {
  cmd.add_option("FILE", import.files, "export files (CSV)")->required();
  cmd.add_option("--page", import.page_id, "the Page ID, for files that do not name their Page");
  cmd.add_option("--metric", import.metric,
                 "import a daily chart whose title is unknown as this metric");
  cmd.add_option(
      "--exported-on", import.exported_on,
      "the day the files were exported (default: a date in the file name, else its mtime)");
  cmd.add_flag("--dry-run", import.dry_run,
               "validate and report what would be written; write nothing");
  cmd.add_option(
         "--as", import.as,
         "read the files as the business's own: customers (a customer list), time (a time "
         "log: date,hours[,activity][,person]) or outcomes (date and one column per outcome)")
      ->type_name("KIND");
  cmd.add_flag("--keep-pii", import.keep_pii,
               "--as customers: store names, e-mails and phones in clear as well as hashed");
}

void add_audit_options(CLI::App& cmd, AuditOptions& audit) {
  cmd.add_option("--goals", audit.goals_file,
                 "load (replace) the Page's goals from this TOML file first")
      ->type_name("FILE");
  cmd.add_option("--page", audit.page_id, "the Page to audit (needed when the store holds several)")
      ->type_name("ID");
  cmd.add_flag("--all-pages", audit.all_pages,
               "audit every Page of the store in one run, in page_id order (html: --output DIR)");
  cmd.add_option("--as-of", audit.as_of, "the audit day (default: the last day with followers)")
      ->type_name("YYYY-MM-DD");
  cmd.add_option("--window", audit.window_days,
                 fmt::format("days in the window ending on the audit day (default {})",
                             k_default_window_days))
      ->type_name("DAYS");
  cmd.add_option("--format", audit.format, "text, markdown, json or html (default text)")
      ->type_name("FORMAT");
  cmd.add_option("--output", audit.output, "write the report to FILE instead of stdout")
      ->type_name("FILE");
  cmd.add_option("--lang", audit.lang, "en or es (default: the goals file's language, else en)")
      ->type_name("LANG");
  cmd.add_option(
         "--fail-on", audit.fail_on,
         "exit 1 when a goal is behind or missed (behind), or missed (missed); the order is "
         "met < on_track < behind < missed, and no_data never fails")
      ->type_name("STATE");
}

void add_pull_options(CLI::App& cmd, PullOptions& pull) {
  cmd.add_option("--page", pull.pages, "Page ID to pull (repeat for several)")->required();
  cmd.add_option("--token-file", pull.token_file,
                 "read the access token from FILE (default: $PAGEAUDIT_TOKEN)");
  cmd.add_option("--graph-url", pull.graph_url, "Graph API base URL")->capture_default_str();
  cmd.add_option("--api-version", pull.api_version, "Graph API version")->capture_default_str();
  cmd.add_option(
      "--since", pull.since,
      "first day, YYYY-MM-DD or Nd (default: where the store ends, else two years back)");
  cmd.add_option("--until", pull.until, "last day, YYYY-MM-DD (default: yesterday)");
  cmd.add_option("--max-wait", pull.max_wait,
                 "longest total wait for Meta's throttling, e.g. 600s, 10m")
      ->capture_default_str();
  cmd.add_option("--refetch-days", pull.refetch_days, "trailing days asked again on every run")
      ->capture_default_str();
  cmd.add_option("--parallel", pull.parallel, "HTTP requests in flight at once")
      ->capture_default_str();
  cmd.add_flag("--keep-pii", pull.keep_pii, "also keep comment authors' ids and names in clear");
}

void add_status_options(CLI::App& cmd, StatusOptions& status) {
  cmd.add_option("--page", status.page_id, "only this Page's lines")->type_name("ID");
}

void add_forget_options(CLI::App& cmd, ForgetOptions& forget) {
  cmd.add_option("--page", forget.page_id, "the Page to forget")->type_name("ID");
  cmd.add_flag("--unowned", forget.unowned, "forget the rows kept aside under no Page instead");
  cmd.add_flag("--yes", forget.yes, "delete without asking");
}

void add_demo_options(CLI::App& cmd, DemoOptions& demo) {
  cmd.add_option("--samples", demo.samples_dir, "the samples folder (default: the bundled one)");
}

}  // namespace

std::vector<Command> pageaudit_commands() {
  // In the order of pageaudit --help; "did you mean" prefers the first of two as close.
  return {
      make_command<InitOptions>("init", "create or migrate the store and print its schema version",
                                add_init_options,
                                [](const Invocation& in, const InitOptions& options) {
                                  return run_init(in.global, options, in.console, in.clock);
                                }),
      make_command<ImportOptions>(
          "import",
          "import Facebook / Meta Business Suite export files, or with --as the business's own",
          add_import_options,
          [](const Invocation& in, const ImportOptions& options) {
            return run_import(in.global, options, in.console, in.clock);
          }),
      make_command<AuditOptions>(
          "audit", "audit a Page against its goals and write the report", add_audit_options,
          [](const Invocation& in, const AuditOptions& options) {
            return run_audit_command(in.global, options, in.console, in.clock);
          }),
      make_command<PullOptions>("pull", "pull Page insights, posts and comments from the Graph API",
                                add_pull_options,
                                [](const Invocation& in, const PullOptions& options) {
                                  return run_pull(in.global, options, in.console, in.clock);
                                }),
      make_command<StatusOptions>(
          "status", "show what the store holds: Pages, coverage, last runs, audits, warnings",
          add_status_options, run_status),
      make_command<ForgetOptions>("forget", "delete everything the store holds about one Page",
                                  add_forget_options, run_forget),
      make_command<DemoOptions>(
          "demo", "import the bundled samples into a fresh store and show the result",
          add_demo_options,
          [](const Invocation& in, const DemoOptions& options) {
            return run_demo(in.global, options, in.console, in.clock);
          },
          "pageaudit-demo.db"),
  };
}

}  // namespace pageaudit
