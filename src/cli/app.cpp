// Command-line parsing (CLI11): a table of subcommands, global options, usage errors with
// "did you mean", and the single place where an Error becomes an exit code.
#include "pageaudit/cli/app.h"

#include <CLI/CLI.hpp>
#include <cstdlib>

#include "pageaudit/cli/commands.h"
#include "pageaudit/cli/pull.h"
#include "pageaudit/core/redact.h"

namespace pageaudit {
namespace {

struct CommandInfo {
  const char* name;
  const char* help;
};

constexpr CommandInfo k_commands[] = {
    {"init", "create or migrate the store and print its schema version"},
    {"import", "import Facebook / Meta Business Suite export files, or with --as the business's own"},
    {"pull", "pull Page insights, posts and comments from the Graph API"},
    {"audit", "audit a Page against its goals and write the report"},
    {"status", "show what the store holds: Pages, coverage, last runs, warnings"},
    {"demo", "import the bundled samples into a fresh store and show the result"},
};

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The first argument that is not an option, when it names no command: "did you mean" it.
std::optional<std::string> unknown_command_message(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--db") {
      ++i;
      continue;
    }
    if (arg.substr(0, 1) == "-") continue;
    for (const auto& command : k_commands) {
      if (arg == command.name) return std::nullopt;
    }
    std::string message = fmt::format("unknown command '{}'", arg);
    const CommandInfo* best = nullptr;
    size_t best_distance = 3;  // suggest only close matches
    for (const auto& command : k_commands) {
      size_t d = edit_distance(arg, command.name);
      if (d < best_distance) {
        best_distance = d;
        best = &command;
      }
    }
    if (best) message += fmt::format("; did you mean '{}'?", best->name);
    return message + " (see 'pageaudit --help')";
  }
  return std::nullopt;
}

// A token given on the command line is refused before anything else: every user sees it in ps,
// and shell history keeps it. Its value is registered as a secret first, so that no message,
// this one included, repeats it.
std::optional<std::string> token_option_message(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg != "--token" && arg.rfind("--token=", 0) != 0) continue;
    if (arg == "--token" && i + 1 < argc) register_secret(argv[i + 1]);
    if (arg != "--token") register_secret(arg.substr(std::string_view("--token=").size()));
    return std::string(
        "--token is not accepted: a token on the command line is visible to other users and kept in "
        "shell history; set $PAGEAUDIT_TOKEN or give --token-file FILE (see 'pageaudit pull --help')");
  }
  return std::nullopt;
}

const char* help_of(const char* name) {
  for (const auto& command : k_commands) {
    if (std::string_view(command.name) == name) return command.help;
  }
  return "";
}

}  // namespace

int run_cli(int argc, char** argv) {
  // Every command, not only pull, masks the token in the environment: status and audit print
  // what a pull stored, and a secret that slipped in must still not reach the terminal.
  if (const char* token = std::getenv("PAGEAUDIT_TOKEN")) register_secret(token);
  CLI::App app{"pageaudit: import Facebook Page insights into SQLite and audit them against the business's goals",
               "pageaudit"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("pageaudit ") + PAGEAUDIT_VERSION);

  GlobalOptions global;
  const char* env_db = std::getenv("PAGEAUDIT_DB");
  global.db_path = env_db && *env_db ? env_db : "pageaudit.db";
  app.add_option("--db", global.db_path, "the store (default: $PAGEAUDIT_DB, else ./pageaudit.db)");
  app.add_flag("-q,--quiet", global.quiet, "print nothing on success");
  app.add_flag("-v,--verbose", global.verbose, "print more about what is done");
  app.add_flag("--wait", global.wait, "wait for another run that holds the store instead of exiting 75");
  app.fallthrough();

  CLI::App* init = app.add_subcommand("init", help_of("init"));

  ImportOptions import;
  CLI::App* import_cmd = app.add_subcommand("import", help_of("import"));
  import_cmd->add_option("FILE", import.files, "export files (CSV)")->required();
  import_cmd->add_option("--page", import.page_id, "the Page ID, for files that do not name their Page");
  import_cmd->add_option("--metric", import.metric, "import a daily chart whose title is unknown as this metric");
  import_cmd->add_option("--exported-on", import.exported_on,
                         "the day the files were exported (default: a date in the file name, else its mtime)");
  import_cmd->add_flag("--dry-run", import.dry_run, "validate and report what would be written; write nothing");
  import_cmd->add_option("--as", import.as,
                         "read the files as the business's own: customers (a customer list), time (a time "
                         "log: date,hours[,activity][,person]) or outcomes (date and one column per outcome)")
      ->type_name("KIND");
  import_cmd->add_flag("--keep-pii", import.keep_pii,
                       "--as customers: store names, e-mails and phones in clear as well as hashed");

  AuditOptions audit;
  CLI::App* audit_cmd = app.add_subcommand("audit", help_of("audit"));
  audit_cmd->add_option("--goals", audit.goals_file, "load (replace) the Page's goals from this TOML file first")
      ->type_name("FILE");
  audit_cmd->add_option("--page", audit.page_id, "the Page to audit (needed when the store holds several)")
      ->type_name("ID");
  audit_cmd->add_flag("--all-pages", audit.all_pages,
                      "audit every Page of the store in one run, in page_id order (html: --output DIR)");
  audit_cmd->add_option("--as-of", audit.as_of, "the audit day (default: the last day with followers)")
      ->type_name("YYYY-MM-DD");
  audit_cmd->add_option("--window", audit.window_days,
                        fmt::format("days in the window ending on the audit day (default {})",
                                    k_default_window_days))
      ->type_name("DAYS");
  audit_cmd->add_option("--format", audit.format, "text, markdown, json or html (default text)")->type_name("FORMAT");
  audit_cmd->add_option("--output", audit.output, "write the report to FILE instead of stdout")->type_name("FILE");
  audit_cmd->add_option("--lang", audit.lang, "en or es (default: the goals file's language, else en)")
      ->type_name("LANG");
  audit_cmd->add_option("--fail-on", audit.fail_on,
                        "exit 1 when a goal is behind or missed (behind), or missed (missed); the order is "
                        "met < on_track < behind < missed, and no_data never fails")
      ->type_name("STATE");

  PullOptions pull;
  CLI::App* pull_cmd = app.add_subcommand("pull", help_of("pull"));
  pull_cmd->add_option("--page", pull.pages, "Page ID to pull (repeat for several)")->required();
  pull_cmd->add_option("--token-file", pull.token_file,
                       "read the access token from FILE (default: $PAGEAUDIT_TOKEN)");
  pull_cmd->add_option("--graph-url", pull.graph_url, "Graph API base URL")->capture_default_str();
  pull_cmd->add_option("--api-version", pull.api_version, "Graph API version")->capture_default_str();
  pull_cmd->add_option("--since", pull.since,
                       "first day, YYYY-MM-DD or Nd (default: where the store ends, else two years back)");
  pull_cmd->add_option("--until", pull.until, "last day, YYYY-MM-DD (default: yesterday)");
  pull_cmd->add_option("--max-wait", pull.max_wait, "longest total wait for Meta's throttling, e.g. 600s, 10m")
      ->capture_default_str();
  pull_cmd->add_option("--refetch-days", pull.refetch_days, "trailing days asked again on every run")
      ->capture_default_str();
  pull_cmd->add_option("--parallel", pull.parallel, "HTTP requests in flight at once")->capture_default_str();
  pull_cmd->add_flag("--keep-pii", pull.keep_pii, "also keep comment authors' ids and names in clear");

  CLI::App* status = app.add_subcommand("status", help_of("status"));

  DemoOptions demo;
  CLI::App* demo_cmd = app.add_subcommand("demo", help_of("demo"));
  demo_cmd->add_option("--samples", demo.samples_dir, "the samples folder (default: the bundled one)");

  if (auto message = token_option_message(argc, argv)) {
    Console(global).error(*message);
    return static_cast<int>(ExitCode::usage);
  }
  if (auto message = unknown_command_message(argc, argv)) {
    std::fprintf(stderr, "pageaudit: error: %s\n", message->c_str());
    return static_cast<int>(ExitCode::usage);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "pageaudit: error: %s (see 'pageaudit --help')\n", e.what());
    return static_cast<int>(ExitCode::usage);
  }

  Console console(global);
  // The demo builds its own store unless --db was given: it must never replace the user's store.
  if (*demo_cmd && app.count("--db") == 0 && !(env_db && *env_db)) global.db_path = "pageaudit-demo.db";

  Status result;
  if (*init) {
    result = run_init(global, console);
  } else if (*import_cmd) {
    result = run_import(global, import, console, system_clock());
  } else if (*pull_cmd) {
    result = run_pull(global, pull, console, system_clock());
  } else if (*audit_cmd) {
    result = run_audit_command(global, audit, console, system_clock());
  } else if (*status) {
    result = run_status(global, console);
  } else if (*demo_cmd) {
    result = run_demo(global, demo, console, system_clock());
  }
  if (!result) {
    console.error(result.error().message);
    return static_cast<int>(result.error().code);
  }
  std::fflush(stdout);
  return 0;
}

}  // namespace pageaudit
