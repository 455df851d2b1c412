// pageaudit-fake-graph: the fake Graph API server as a standalone program, for demos, scripts and
// the pull benchmark.
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include "fake_graph.h"

namespace {

volatile std::sig_atomic_t g_stop = 0;

// Only sets a flag: the main thread notices it and stops the server outside the handler.
void on_signal(int) {
  g_stop = 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Fake Meta Graph API server for pageaudit tests and benchmarks.\n"
      "Control while running: GET /__fake/log, POST /__fake/reset, POST "
      "/__fake/fault?spec=KIND:N:PATH,\n"
      "POST /__fake/latency?ms=N, POST /__fake/usage?percent=P&regain=MINUTES."};
  int port = 0;
  int latency_ms = 0;
  pageaudit::fake::FakeGraphOptions options;
  std::vector<std::string> faults;
  std::string today;
  app.add_option("--port", port, "port on 127.0.0.1 (0: any free port)")->capture_default_str();
  app.add_option("--latency-ms", latency_ms,
                 "time from each request to its answer, which is made within it")
      ->capture_default_str();
  app.add_option("--pages", options.pages, "Pages listed by /me/accounts")->capture_default_str();
  app.add_option("--threads", options.threads, "worker threads")->capture_default_str();
  app.add_option("--token", options.token, "the access token accepted")->capture_default_str();
  app.add_option("--api-version", options.version, "version written into paging URLs")
      ->capture_default_str();
  app.add_option("--today", today,
                 "the day data ends before (YYYY-MM-DD; default: today, Pacific)");
  app.add_flag("--omit-comment-authors", options.omit_comment_authors,
               "answer comments without \"from\"");
  app.add_flag("--empty-first-day", options.empty_first_day,
               "answer the first day of every Page series as \"value\": []");
  app.add_flag("--first-comment-without-id", options.first_comment_without_id,
               "answer each post's first comment without \"id\"");
  app.add_option("--fault", faults, "KIND[:COUNT[:PATH[:DELAY_MS]]], repeatable");
  CLI11_PARSE(app, argc, argv);

  options.latency = std::chrono::milliseconds(latency_ms);
  if (!today.empty()) {
    options.today = pageaudit::Date::parse_iso(today);
    if (!options.today) {
      std::cerr << "pageaudit-fake-graph: error: --today: expected YYYY-MM-DD, got \"" << today
                << "\"\n";
      return 64;
    }
  }
  pageaudit::fake::FakeGraph server(options);
  for (const auto& spec : faults) {
    std::string error;
    auto rule = pageaudit::fake::parse_fault_rule(spec, &error);
    if (!rule) {
      std::cerr << "pageaudit-fake-graph: error: --fault: " << error << "\n";
      return 64;
    }
    server.add_fault(*rule);
  }
  if (!server.start(port)) {
    std::cerr << "pageaudit-fake-graph: error: cannot listen on 127.0.0.1:" << port << "\n";
    return 69;
  }
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  // The first line says where to connect, so that a script starting it with --port 0 can read it.
  std::cout << server.base_url() << "\n"
            << "token " << server.token() << "\n"
            << std::flush;
  while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  server.stop();
  return 0;
}
