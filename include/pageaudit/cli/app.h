// The command-line front end: parses arguments, runs a command, maps its result to an exit code.
#pragma once

namespace pageaudit {

// Runs pageaudit with the given arguments and returns the process exit code (SPEC section 6).
// Never calls exit(): every error reaches this function so transactions roll back first.
int run_cli(int argc, char** argv);

}  // namespace pageaudit
