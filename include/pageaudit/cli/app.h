// The command-line front end: a table of commands in the style of ninja's tools, the dispatcher
// that parses arguments and runs one of them, and the one place an Error becomes an exit code.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "pageaudit/cli/commands.h"
#include "pageaudit/core/clock.h"

namespace CLI {
class App;
}

namespace pageaudit {

// What every command is given besides its own options.
struct Invocation {
  const GlobalOptions& global;
  const Console& console;
  const Clock& clock;
};

// One command: its name and help, a function that adds its options to the parser, and one that
// runs it once they are parsed. The options live in storage shared by the two functions.
struct Command {
  const char* name;
  const char* help;
  std::function<void(CLI::App&)> add_options;
  std::function<Status(const Invocation&)> run;
  // The store this command uses unless --db or $PAGEAUDIT_DB names one; null: ./pageaudit.db.
  const char* default_db = nullptr;
};

// A Command whose options are an Options value: add(app, options) declares them (null: none),
// run(invocation, options) runs the command with what was parsed.
template <typename Options>
Command make_command(const char* name, const char* help, void (*add)(CLI::App&, Options&),
                     Status (*run)(const Invocation&, const Options&),
                     const char* default_db = nullptr) {
  auto options = std::make_shared<Options>();
  return Command{name, help,
                 [options, add](CLI::App& app) {
                   if (add) add(app, *options);
                 },
                 [options, run](const Invocation& in) { return run(in, *options); }, default_db};
}

// pageaudit's commands: init, import, pull, audit, status, demo.
std::vector<Command> pageaudit_commands();

// Parses argv against the global options and the commands, runs the command named with the
// clock, and returns the process exit code (SPEC section 6): 64 for a usage error (an unknown
// command with "did you mean", --token on the command line, a bad option), the command's error
// code, or 70 when anything escapes a command as an exception (a bug: the message says so and
// asks for a report). Never calls exit(): every error reaches this function after the stack has
// unwound, so the store's transactions have rolled back.
int run_commands(std::span<const Command> commands, int argc, char** argv, const Clock& clock);

// run_commands(pageaudit_commands(), argc, argv, system_clock()).
int run_cli(int argc, char** argv);

}  // namespace pageaudit
