// Headless Chromium for the browser tests of the HTML report: finding it, running it with a time
// limit, and reading what it leaves behind (its console log, PNG and PDF files, the DOM it dumps).
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pageaudit::test {

// $PAGEAUDIT_CHROMIUM when it is set (and not empty), else /usr/bin/chromium; nullopt when that
// file is not an executable file.
std::optional<std::string> find_chromium();

// What a browser run left: whether it had to be killed, its exit status (128 + signal when killed),
// its stdout (the DOM for --dump-dom) and stderr (Chromium's log).
struct BrowserRun {
  bool timed_out = false;
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `chromium --headless=new ... <mode_args> <url>` with a fresh profile in work_dir (which
// must exist; the run's stdout and stderr files go there too), no sandbox (CI runs the tests as
// root, where Chromium refuses to start sandboxed), no GPU, no network (every host name fails to
// resolve) and the log, page console included, on stderr. The browser runs in its own process
// group; after `timeout` the whole group is killed so that a hung renderer cannot stall the suite.
// Throws std::runtime_error when the process cannot be started.
BrowserRun run_chromium(const std::string& chromium, const std::vector<std::string>& mode_args,
                        const std::string& url, const std::string& work_dir,
                        std::chrono::seconds timeout = std::chrono::seconds(60));

// The page's console messages in a Chromium log, in order: the quoted text of each
// `[...:INFO:CONSOLE:LINE] "text", source: URL (LINE)` line. Chromium logs every console message at
// INFO whatever its level (console.log, console.error, an uncaught exception, a failed load), so
// the list cannot say which were errors: a page without scripts should have none at all.
std::vector<std::string> console_messages(std::string_view log);

// The width and height in a PNG's IHDR chunk; nullopt when bytes do not start with the PNG
// signature and an IHDR chunk.
struct PixelSize {
  unsigned width = 0;
  unsigned height = 0;
};
std::optional<PixelSize> png_size(std::string_view bytes);

// The pages of a PDF as Chromium writes them (page dictionaries uncompressed): the size of each
// page's /MediaBox in points, in file order. Empty when there is none.
struct PageSize {
  double width = 0;
  double height = 0;
};
std::vector<PageSize> pdf_pages(std::string_view bytes);

// A start or end tag of serialized HTML (as --dump-dom writes it): name lower-case, "/name" for an
// end tag; attributes in order, values as written (character references not decoded); text_end is
// the offset just past the tag, where its text content starts.
struct Tag {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
  size_t text_end = 0;

  // The value of the attribute, or nullopt when the tag has none by that name.
  std::optional<std::string> attribute(std::string_view attribute_name) const;
};

// The tags of serialized HTML in document order. In serialized text a '<' is always written
// "&lt;", so every '<' followed by a letter or '/' opens a tag; comments are skipped, and the raw
// text of <style> and <script> is skipped up to its end tag.
std::vector<Tag> tags_of(std::string_view html);

}  // namespace pageaudit::test
