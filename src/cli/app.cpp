// The dispatcher: global options, the command table in CLI11, usage errors with "did you mean",
// the backstop for exceptions, and the single place where an Error becomes an exit code.
#include "pageaudit/cli/app.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <exception>

#include "pageaudit/core/redact.h"
#include "pageaudit/core/suggest.h"
#include "pageaudit/store/store.h"

namespace pageaudit {
namespace {

// The first argument that is not an option, when it names no command: "did you mean" it.
std::optional<std::string> unknown_command_message(std::span<const Command> commands, int argc,
                                                   char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--db") {
      ++i;
      continue;
    }
    if (arg.substr(0, 1) == "-") continue;
    for (const auto& command : commands) {
      if (arg == command.name) return std::nullopt;
    }
    std::vector<std::string_view> names;
    for (const auto& command : commands) names.emplace_back(command.name);
    std::string message = fmt::format("unknown command '{}'", arg);
    if (auto best = closest_match(arg, names))
      message += fmt::format("; did you mean '{}'?", *best);
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
        "--token is not accepted: a token on the command line is visible to other users "
        "and kept in shell history; set $PAGEAUDIT_TOKEN or give --token-file FILE "
        "(see 'pageaudit pull --help')");
  }
  return std::nullopt;
}

// Parses the arguments and runs the command named; errors reach here as values, and exceptions
// go on to the backstop in run_commands.
int parse_and_run(std::span<const Command> commands, int argc, char** argv, const Clock& clock) {
  CLI::App app{
      "pageaudit: import Facebook Page insights into SQLite and audit them against the business's "
      "goals",
      "pageaudit"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("pageaudit ") + PAGEAUDIT_VERSION);

  GlobalOptions global;
  const char* env_db = std::getenv("PAGEAUDIT_DB");
  global.db_path = env_db && *env_db ? env_db : "pageaudit.db";
  app.add_option("--db", global.db_path, "the store (default: $PAGEAUDIT_DB, else ./pageaudit.db)");
  app.add_flag("-q,--quiet", global.quiet, "print nothing on success");
  app.add_flag("-v,--verbose", global.verbose, "print more about what is done");
  app.add_flag("--wait", global.wait,
               "wait for another run that holds the store instead of exiting 75");
  app.fallthrough();
  std::vector<CLI::App*> parsers;
  for (const Command& command : commands) {
    parsers.push_back(app.add_subcommand(command.name, command.help));
    if (command.add_options) command.add_options(*parsers.back());
  }

  if (auto message = token_option_message(argc, argv)) {
    Console(global).error(*message);
    return static_cast<int>(ExitCode::usage);
  }
  if (auto message = unknown_command_message(commands, argc, argv)) {
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
  const size_t chosen = static_cast<size_t>(
      std::find_if(parsers.begin(), parsers.end(), [](const CLI::App* p) { return p->parsed(); }) -
      parsers.begin());
  const Command& command = commands[chosen];  // require_subcommand(1): exactly one was parsed
  // A command with a store of its own (the demo) must never replace the user's store.
  if (command.default_db && app.count("--db") == 0 && !(env_db && *env_db)) {
    global.db_path = command.default_db;
  }
  Status result = command.run(Invocation{global, console, clock});
  for (const std::string& warning : take_migration_warnings()) console.warning(warning);
  if (!result) {
    console.error(result.error().message);
    return static_cast<int>(result.error().code);
  }
  std::fflush(stdout);
  return 0;
}

}  // namespace

int run_commands(std::span<const Command> commands, int argc, char** argv, const Clock& clock) {
  // Every command, not only pull, masks the token in the environment: status and audit print
  // what a pull stored, and a secret that slipped in must still not reach the terminal.
  if (const char* token = std::getenv("PAGEAUDIT_TOKEN")) register_secret(token);
  // The backstop: fmt and std::filesystem throw, and so would a bug. By the time an exception
  // reaches here the stack has unwound and the store's transactions have rolled back.
  std::string what;
  try {
    return parse_and_run(commands, argc, argv, clock);
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
    what = "an exception that is not a std::exception";
  }
  std::fflush(stdout);
  std::fprintf(stderr,
               "pageaudit: error: internal error: %s\n"
               "pageaudit: this is a bug in pageaudit; please report it with the command that was "
               "run and this message\n",
               redact(what).c_str());
  return static_cast<int>(ExitCode::software);
}

int run_cli(int argc, char** argv) {
  const std::vector<Command> commands = pageaudit_commands();
  return run_commands(commands, argc, argv, system_clock());
}

}  // namespace pageaudit
