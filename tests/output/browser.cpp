// Headless Chromium for the browser tests (browser.h).
#include "output/browser.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "support.h"

extern char** environ;

namespace pageaudit::test {

std::optional<std::string> find_chromium() {
  const char* configured = std::getenv("PAGEAUDIT_CHROMIUM");
  const std::string path = configured && *configured ? configured : "/usr/bin/chromium";
  if (::access(path.c_str(), X_OK) != 0) return std::nullopt;
  return path;
}

BrowserRun run_chromium(const std::string& chromium, const std::vector<std::string>& mode_args,
                        const std::string& url, const std::string& work_dir,
                        std::chrono::seconds timeout) {
  const std::string out_path = work_dir + "/chromium.out";
  const std::string err_path = work_dir + "/chromium.err";
  std::vector<std::string> args = {
      chromium,
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--user-data-dir=" + work_dir + "/profile",
      "--no-first-run",
      "--no-default-browser-check",
      "--disable-extensions",
      "--disable-background-networking",
      "--disable-sync",
      "--host-resolver-rules=MAP * ~NOTFOUND",
      "--enable-logging=stderr",
      "--v=0",
  };
  args.insert(args.end(), mode_args.begin(), mode_args.end());
  args.push_back(url);
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  // A process group of its own: Chromium forks a zygote, renderers and a GPU process, and a
  // timeout has to take all of them down, not just the browser process.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, chromium.c_str(), &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (rc != 0) throw std::runtime_error("posix_spawn " + chromium + ": " + std::strerror(rc));

  BrowserRun run;
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() >= deadline) {
      run.timed_out = true;
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // Helpers that outlived the browser process would keep the profile directory busy.
  ::kill(-pid, SIGKILL);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.out = read_file(out_path);
  run.err = read_file(err_path);
  return run;
}

std::vector<std::string> console_messages(std::string_view log) {
  std::vector<std::string> messages;
  size_t at = 0;
  while (at < log.size()) {
    size_t end = log.find('\n', at);
    if (end == std::string_view::npos) end = log.size();
    const std::string_view line = log.substr(at, end - at);
    at = end + 1;
    const size_t tag = line.find(":CONSOLE");
    if (tag == std::string_view::npos || line.front() != '[') continue;
    const size_t open = line.find("] \"", tag);
    const size_t close = line.rfind("\", source: ");
    if (open == std::string_view::npos || close == std::string_view::npos || close < open + 3) {
      messages.emplace_back(line.substr(tag + 1));  // a console line of a shape not seen before
      continue;
    }
    messages.emplace_back(line.substr(open + 3, close - open - 3));
  }
  return messages;
}

std::optional<PixelSize> png_size(std::string_view bytes) {
  // The 8-byte signature, then the first chunk: 4-byte length, "IHDR", width and height (big
  // endian, 4 bytes each).
  constexpr std::string_view k_signature = "\x89PNG\r\n\x1a\n";
  if (bytes.size() < 24 || bytes.substr(0, 8) != k_signature || bytes.substr(12, 4) != "IHDR") {
    return std::nullopt;
  }
  const auto be32 = [&](size_t at) {
    unsigned value = 0;
    for (size_t i = 0; i < 4; ++i) value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
    return value;
  };
  return PixelSize{be32(16), be32(20)};
}

std::vector<PageSize> pdf_pages(std::string_view bytes) {
  std::vector<PageSize> pages;
  const std::string_view key = "/MediaBox [";
  for (size_t at = bytes.find(key); at != std::string_view::npos; at = bytes.find(key, at + 1)) {
    const size_t close = bytes.find(']', at);
    if (close == std::string_view::npos) break;
    const std::string box(bytes.substr(at + key.size(), close - at - key.size()));
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    if (std::sscanf(box.c_str(), "%lf %lf %lf %lf", &x0, &y0, &x1, &y1) == 4) {
      pages.push_back({x1 - x0, y1 - y0});
    }
  }
  return pages;
}

std::optional<std::string> Tag::attribute(std::string_view attribute_name) const {
  for (const auto& [attribute_key, value] : attributes) {
    if (attribute_key == attribute_name) return value;
  }
  return std::nullopt;
}

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Reads the tag whose '<' is at html[at]; returns it with text_end set past its '>'.
Tag read_tag(std::string_view html, size_t at) {
  Tag tag;
  size_t i = at + 1;
  const size_t name_start = i;
  while (i < html.size() && !is_space(html[i]) && html[i] != '>' &&
         !(html[i] == '/' && i > name_start)) {
    ++i;
  }
  tag.name = lower(html.substr(name_start, i - name_start));
  while (i < html.size() && html[i] != '>') {
    if (is_space(html[i]) || html[i] == '/') {
      ++i;
      continue;
    }
    const size_t key_start = i;
    while (i < html.size() && !is_space(html[i]) && html[i] != '=' && html[i] != '>' &&
           html[i] != '/') {
      ++i;
    }
    std::string key = lower(html.substr(key_start, i - key_start));
    std::string value;
    if (i < html.size() && html[i] == '=') {
      ++i;
      if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
        const char quote = html[i++];
        const size_t close = std::min(html.find(quote, i), html.size());
        value = html.substr(i, close - i);
        i = close + 1;
      } else {
        const size_t value_start = i;
        while (i < html.size() && !is_space(html[i]) && html[i] != '>') ++i;
        value = html.substr(value_start, i - value_start);
      }
    }
    tag.attributes.emplace_back(std::move(key), std::move(value));
  }
  tag.text_end = std::min(i + 1, html.size());
  return tag;
}

}  // namespace

std::vector<Tag> tags_of(std::string_view html) {
  std::vector<Tag> tags;
  size_t at = html.find('<');
  while (at != std::string_view::npos && at + 1 < html.size()) {
    if (html.substr(at, 4) == "<!--") {
      const size_t close = html.find("-->", at + 4);
      at = close == std::string_view::npos ? close : html.find('<', close + 3);
      continue;
    }
    const char next = html[at + 1];
    if (!std::isalpha(static_cast<unsigned char>(next)) && next != '/') {
      at = html.find('<', at + 1);  // "<!DOCTYPE html>"
      continue;
    }
    Tag tag = read_tag(html, at);
    size_t resume = tag.text_end;
    if (tag.name == "style" || tag.name == "script") {
      // Raw text: its '<' are not tags; resume at the end tag.
      resume = std::min(html.find("</" + tag.name, resume), html.size());
    }
    tags.push_back(std::move(tag));
    at = html.find('<', resume);
  }
  return tags;
}

}  // namespace pageaudit::test
