// Layout detection, the record look-ahead stream, and the date forms export files use.
#include "pageaudit/input/export.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>

namespace pageaudit {

const char* layout_name(Layout layout) {
  switch (layout) {
    case Layout::classic_page:
      return "classic_page";
    case Layout::classic_post:
      return "classic_post";
    case Layout::classic_video:
      return "classic_video";
    case Layout::mbs_content:
      return "mbs_content";
    case Layout::mbs_daily_chart:
      return "mbs_daily_chart";
    case Layout::mbs_audience:
      return "mbs_audience";
    case Layout::follower_history:
      return "follower_history";
    case Layout::mbs_content_instagram:
      return "mbs_content_instagram";
    case Layout::ads_manager:
      return "ads_manager";
    case Layout::unknown:
      return "unknown";
  }
  return "unknown";
}

const char* layout_description(Layout layout) {
  switch (layout) {
    case Layout::classic_page:
      return "a classic Page Insights export (Page level)";
    case Layout::classic_post:
      return "a classic Page Insights export (post level)";
    case Layout::classic_video:
      return "a classic Page Insights export (video posts)";
    case Layout::mbs_content:
      return "a Business Suite content export";
    case Layout::mbs_daily_chart:
      return "a Business Suite daily chart file";
    case Layout::mbs_audience:
      return "a Business Suite Audience file";
    case Layout::follower_history:
      return "a follower history file";
    case Layout::mbs_content_instagram:
      return "a Business Suite content export of an Instagram account";
    case Layout::ads_manager:
      return "a Meta Ads Manager report";
    case Layout::unknown:
      return "a file of unknown layout";
  }
  return "a file of unknown layout";
}

Result<bool> RecordStream::next(CsvRecord& record) {
  if (!m_ahead.empty()) {
    record = std::move(m_ahead.front());
    m_ahead.pop_front();
    return true;
  }
  if (m_eof) return false;
  auto got = m_reader.next(record);
  if (got && !*got) m_eof = true;
  return got;
}

Result<const CsvRecord*> RecordStream::peek(size_t n) {
  while (m_ahead.size() <= n && !m_eof) {
    CsvRecord record;
    auto got = m_reader.next(record);
    if (!got) return tl::unexpected(got.error());
    if (!*got) {
      m_eof = true;
      break;
    }
    m_ahead.push_back(std::move(record));
  }
  if (n < m_ahead.size()) return &m_ahead[n];
  return static_cast<const CsvRecord*>(nullptr);
}

namespace {

bool has_field(const CsvRecord& header, const Catalog& catalog, std::string_view context,
               std::string_view field) {
  for (const auto& cell : header.fields) {
    if (catalog.field(context, cell) == field) return true;
  }
  return false;
}

bool starts_with_period(std::string_view title) {
  for (std::string_view prefix : {"Lifetime ", "Daily ", "Weekly ", "28 Days "}) {
    if (title.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

// Whether any folded header cell contains needle. The header is folded once by the caller: a
// classic export can have thousands of columns and several markers are looked for.
bool contains_folded(const std::vector<std::string>& folded_header, std::string_view needle) {
  for (const auto& cell : folded_header) {
    if (cell.find(needle) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

Result<Detection> detect_layout(RecordStream& stream, const Catalog& catalog) {
  // The first record that is not blank decides; only a handful are read ahead.
  size_t first = 0;
  const CsvRecord* head = nullptr;
  for (;; ++first) {
    auto rec = stream.peek(first);
    if (!rec) return tl::unexpected(rec.error());
    head = *rec;
    if (!head) return Detection{Layout::unknown, "the file holds no data"};
    if (!head->blank()) break;
  }
  auto next_rec = stream.peek(first + 1);
  if (!next_rec) return tl::unexpected(next_rec.error());
  const CsvRecord* second = *next_rec;

  if (is_title_line(*head)) {
    // A titled file: a daily chart when the title is followed by a date header, else blocks.
    if (second && second->size() >= 2 && catalog.field("chart", (*second)[0]) == "date") {
      return Detection{Layout::mbs_daily_chart, {}};
    }
    return Detection{Layout::mbs_audience, {}};
  }

  const CsvRecord& header = *head;
  const std::string first_cell(trim(header[0]));
  std::vector<std::string> folded;
  folded.reserve(header.size());
  for (const auto& cell : header.fields) folded.push_back(fold_header(cell));

  // Ads Manager reports (English, Spanish, Portuguese) are refused by name, never misread.
  for (std::string_view marker :
       {"reporting starts", "amount spent", "ad set name", "campaign name", "anúncios",
        "início dos relatórios", "importe gastado", "inicio del informe", "nombre de la campaña"}) {
    if (contains_folded(folded, marker)) return Detection{Layout::ads_manager, {}};
  }

  if (catalog.field("history", first_cell) == "date" && header.size() >= 2 &&
      catalog.metric_alias("history_column", header[1])) {
    return Detection{Layout::follower_history, {}};
  }

  if (catalog.field("classic", first_cell) == "date" && header.size() >= 2) {
    const std::string second_cell(trim(header[1]));
    if (starts_with_period(second_cell) || second_cell.find(':') != std::string::npos) {
      return Detection{Layout::classic_page, {}};
    }
  }

  // Small demographic lists: "Gender","Distribution" / "Top territories","Distribution".
  if (header.size() == 2 && catalog.metric_alias("audience_block", first_cell) &&
      fold_header(header[1]) == "distribution") {
    return Detection{Layout::mbs_audience, {}};
  }

  if (has_field(header, catalog, "content", "post_id")) {
    if (has_field(header, catalog, "content", "account_id")) {
      return Detection{Layout::mbs_content_instagram, {}};
    }
    if (has_field(header, catalog, "content", "page_id") ||
        has_field(header, catalog, "content", "created_time")) {
      return Detection{Layout::mbs_content, {}};
    }
  }
  if (has_field(header, catalog, "classic", "post_id") &&
      has_field(header, catalog, "classic", "created_time")) {
    return Detection{
        contains_folded(folded, "content tags") ? Layout::classic_video : Layout::classic_post, {}};
  }

  std::string shown = first_cell.substr(0, 60);
  return Detection{Layout::unknown,
                   fmt::format("first line starts with \"{}\" ({} columns)", shown, header.size())};
}

Result<ExportSummary> read_export(RecordStream& stream, const ExportContext& context,
                                  RecordSink& sink, Layout* detected) {
  auto detection = detect_layout(stream, *context.catalog);
  if (!detection) return tl::unexpected(detection.error());
  if (detected) *detected = detection->layout;
  switch (detection->layout) {
    case Layout::classic_page:
    case Layout::classic_post:
    case Layout::classic_video:
      return read_classic(stream, detection->layout, context, sink);
    case Layout::mbs_content:
      return read_mbs_content(stream, context, sink);
    case Layout::mbs_daily_chart:
      return read_mbs_daily_chart(stream, context, sink);
    case Layout::mbs_audience:
      return read_mbs_audience(stream, context, sink);
    case Layout::follower_history:
      return read_follower_history(stream, context, sink);
    case Layout::mbs_content_instagram:
      return fail(ExitCode::data,
                  at(context.file, 0,
                     "this is a Business Suite content export of an Instagram account; pageaudit "
                     "imports Facebook Page data"));
    case Layout::ads_manager:
      return fail(ExitCode::data,
                  at(context.file, 0,
                     "this is a Meta Ads Manager report, which pageaudit does not import "
                     "(it holds ad spend, not Page insights)"));
    case Layout::unknown:
      break;
  }
  return fail(
      ExitCode::data,
      at(context.file, 0,
         fmt::format("not an export pageaudit knows: {}. Known: Business Suite daily chart, "
                     "content, Audience and follower history files; classic Page Insights "
                     "exports",
                     detection->reason)));
}

// --- Dates -------------------------------------------------------------------------------------

namespace {

constexpr std::array<std::string_view, 12> k_month_abbr = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

std::vector<std::string> export_files_in(const std::string& dir) {
  namespace fs = std::filesystem;
  const auto order = [](const fs::path& file) {
    const std::string name = file.filename().string();
    const bool content = name.size() > 24 && name[3] == '-' && name[6] == '-' && name[11] == '_';
    return std::make_pair(content ? 0 : 1, name);
  };
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec) && entry.path().extension() == ".csv") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end(),
            [&](const fs::path& a, const fs::path& b) { return order(a) < order(b); });
  std::vector<std::string> out;
  out.reserve(files.size());
  for (const fs::path& file : files) out.push_back(file.string());
  return out;
}

std::optional<Date> date_in_file_name(std::string_view name) {
  // The base name only: a folder called 2024-01-01 says nothing about this file.
  if (auto slash = name.find_last_of('/'); slash != std::string_view::npos)
    name = name.substr(slash + 1);
  std::optional<Date> found;
  for (size_t i = 0; i < name.size(); ++i) {
    if (i + 10 <= name.size()) {
      if (auto iso = Date::parse_iso(name.substr(i, 10))) {
        found = iso;
        i += 9;
        continue;
      }
    }
    // 'Sep-30-2025'
    if (i + 11 <= name.size() && name[i + 3] == '-' && name[i + 6] == '-') {
      std::string mon;
      for (size_t k = 0; k < 3; ++k)
        mon += static_cast<char>(std::tolower(static_cast<unsigned char>(name[i + k])));
      for (size_t m = 0; m < 12; ++m) {
        if (mon == k_month_abbr[m] && all_digits(name.substr(i + 4, 2)) &&
            all_digits(name.substr(i + 7, 4))) {
          if (auto d = Date::from_ymd(to_int(name.substr(i + 7, 4)), static_cast<int>(m) + 1,
                                      to_int(name.substr(i + 4, 2)))) {
            found = d;
            i += 10;
          }
          break;
        }
      }
    }
  }
  return found;
}

std::optional<Date> parse_export_date(std::string_view text, DateOrder order) {
  text = trim(text);
  if (text.size() >= 10 && text[4] == '-') {
    auto date = Date::parse_iso(text.substr(0, 10));
    if (!date) return std::nullopt;
    if (text.size() == 10) return date;
    // 'YYYY-MM-DDTHH:MM:SS': Business Suite writes local midnight, sometimes shifted by an hour
    // at US DST changes. A time in the afternoon can only be a day rendered early: round up.
    if (text[10] != 'T' && text[10] != ' ') return std::nullopt;
    std::string_view hour = text.substr(11, 2);
    if (!all_digits(hour)) return std::nullopt;
    return to_int(hour) >= 12 ? *date + 1 : *date;
  }
  // 'A/B/YYYY' in the order the caller's DateColumn decided.
  auto slash = parse_slash_date(text);
  return slash ? slash->read(order) : std::nullopt;
}

std::optional<std::string> parse_export_time(std::string_view text, DateOrder order) {
  text = trim(text);
  auto date = parse_export_date(text.substr(0, text.find(' ')), order);
  if (text.size() >= 16 && text[4] == '-' && text[10] == 'T') {
    // Already ISO: keep the date and time as written, without a zone.
    auto day = Date::parse_iso(text.substr(0, 10));
    if (!day) return std::nullopt;
    return std::string(text.substr(0, text.size() >= 19 ? 19 : 16));
  }
  if (!date) return std::nullopt;
  size_t space = text.find(' ');
  if (space == std::string_view::npos) return date->iso();
  std::string_view clock = trim(text.substr(space + 1));
  // 'HH:MM', 'HH:MM:SS', optionally followed by ' AM'/' PM'.
  bool pm = false, am = false;
  if (clock.size() > 3) {
    std::string_view suffix = clock.substr(clock.size() - 2);
    if (suffix == "PM" || suffix == "pm") pm = true;
    if (suffix == "AM" || suffix == "am") am = true;
    if (am || pm) clock = trim(clock.substr(0, clock.size() - 2));
  }
  size_t c1 = clock.find(':');
  if (c1 == std::string_view::npos) return std::nullopt;
  std::string_view hh = clock.substr(0, c1);
  std::string_view rest = clock.substr(c1 + 1);
  std::string_view mm = rest.substr(0, 2);
  std::string_view ss = rest.size() >= 5 && rest[2] == ':' ? rest.substr(3, 2) : std::string_view();
  if (!all_digits(hh) || hh.size() > 2 || !all_digits(mm) || (!ss.empty() && !all_digits(ss)))
    return std::nullopt;
  if (rest.size() != 2 && rest.size() != 5) return std::nullopt;
  int hour = to_int(hh);
  if ((am || pm) && (hour < 1 || hour > 12)) return std::nullopt;
  if (pm && hour != 12) hour += 12;
  if (am && hour == 12) hour = 0;
  if (hour > 23 || to_int(mm) > 59 || (!ss.empty() && to_int(ss) > 59)) return std::nullopt;
  std::string out = fmt::format("{}T{:02}:{}", date->iso(), hour, mm);
  if (!ss.empty()) out += fmt::format(":{}", ss);
  return out;
}

bool is_title_line(const CsvRecord& record) {
  if (record.size() == 0 || trim(record[0]).empty()) return false;
  for (size_t i = 1; i < record.size(); ++i) {
    if (!trim(record[i]).empty()) return false;
  }
  return true;
}

Status negative_total(const std::string& file, long line, std::string_view column, double value) {
  return fail(
      ExitCode::data,
      at(file, line,
         fmt::format("column \"{}\" is a total and cannot be negative, got {}", column, value)));
}

bool is_instagram_title(std::string_view title) {
  return fold_header(title).find("instagram") != std::string::npos;
}

Result<std::optional<double>> number_cell(const std::string& file, long line,
                                          std::string_view column, std::string_view text,
                                          bool decimal_comma) {
  std::string_view value = trim(text);
  if (value.empty()) return std::optional<double>{};
  if (auto number = parse_number(value, decimal_comma)) return std::optional<double>{number->value};
  if (looks_like_date_mangled_number(value)) {
    return fail(
        ExitCode::data,
        at(file, line,
           fmt::format("column \"{}\": \"{}\" is not a number: a spreadsheet seems to have turned "
                       "decimals into dates; export the file again from Meta",
                       column, value)));
  }
  return fail(ExitCode::data, at(file, line,
                                 fmt::format("column {}: expected a number, got {}", quoted(column),
                                             quoted(value))));
}

Result<std::string> require_page(const ExportContext& context) {
  if (context.page_id) return *context.page_id;
  return fail(
      ExitCode::usage,
      at(context.file, 0, "this file does not say which Page it belongs to; give --page ID"));
}

const char* unit_name(Unit unit) {
  switch (unit) {
    case Unit::count:
      return "count";
    case Unit::percent:
      return "percent";
    case Unit::fraction:
      return "fraction";
  }
  return "count";
}

}  // namespace pageaudit
