// Text and Markdown reports: the report's layout (report_layout.h) written as text or Markdown.
#include "pageaudit/output/text_report.h"

#include <cctype>

#include "pageaudit/output/report_layout.h"

namespace pageaudit {
namespace {

using Line = ReportLine;
using Block = ReportBlock;
using Bullet = ReportBullet;
using Section = ReportSection;
using Report = ReportLayout;

// --- Text ------------------------------------------------------------------------------------

constexpr size_t k_text_width = 100;

// Display width: one column per UTF-8 character (the report's scripts are all narrow).
size_t width_of(std::string_view text) {
  size_t width = 0;
  for (char c : text) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return width;
}

// The pieces a line may break between: words, except that a sign written after its number with
// a space ("5,2 %") stays with the number.
std::vector<std::string> wrap_units(std::string_view text) {
  std::vector<std::string> units;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    if (word.front() == '%' && !units.empty()) {
      units.back() += " " + std::string(word);
    } else {
      units.emplace_back(word);
    }
  }
  return units;
}

// Writes text after first_prefix, breaking lines before k_text_width; continuation lines start
// with rest_prefix. A unit longer than a line is kept whole.
void wrap(std::string& out, std::string_view text, const std::string& first_prefix,
          const std::string& rest_prefix) {
  std::string line = first_prefix;
  size_t width = width_of(first_prefix);
  bool line_has_units = false;
  for (const std::string& unit : wrap_units(text)) {
    if (line_has_units && width + 1 + width_of(unit) > k_text_width) {
      out += line + "\n";
      line = rest_prefix;
      width = width_of(rest_prefix);
      line_has_units = false;
    }
    if (line_has_units) {
      line += ' ';
      ++width;
    }
    line += unit;
    width += width_of(unit);
    line_has_units = true;
  }
  out += line + "\n";
}

std::string underline(std::string_view title, char c) {
  return std::string(title) + "\n" + std::string(width_of(title), c) + "\n";
}

std::string render_text(const Report& report) {
  std::string out = underline(report.title, '=');
  wrap(out, report.subtitle, "", "");
  for (const Section& section : report.sections) {
    out += "\n" + underline(section.title, '-');
    if (section.blocks.empty() && section.bullets.empty()) wrap(out, section.empty, "", "");
    for (size_t b = 0; b < section.blocks.size(); ++b) {
      const Block& block = section.blocks[b];
      if (b > 0) out += "\n";
      if (!block.heading.empty()) wrap(out, block.heading, "", "  ");
      size_t label_width = 0;
      for (const Line& line : block.lines)
        label_width = std::max(label_width, width_of(line.label));
      const std::string value_indent(2 + label_width + 2, ' ');
      for (const Line& line : block.lines) {
        const std::string label =
            "  " + line.label + std::string(label_width - width_of(line.label) + 2, ' ');
        wrap(out, line.value, label, value_indent);
        for (const std::string& note : line.notes) wrap(out, note, value_indent, value_indent);
      }
    }
    for (const Bullet& bullet : section.bullets) {
      wrap(out, bullet.tag.empty() ? bullet.text : "[" + bullet.tag + "] " + bullet.text, "- ",
           "  ");
    }
  }
  return out;
}

// --- Markdown --------------------------------------------------------------------------------

bool is_word_byte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80);
}

// Escapes the characters Markdown would read as markup. An underscore inside a word
// ("stated_target_share") is left alone: CommonMark does not read it as emphasis.
std::string md(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool inner_underscore = c == '_' && i > 0 && i + 1 < text.size() &&
                                  is_word_byte(text[i - 1]) && is_word_byte(text[i + 1]);
    if (std::string_view("\\`*[]<>|#").find(c) != std::string_view::npos ||
        (c == '_' && !inner_underscore)) {
      out += '\\';
    }
    out += c;
  }
  return out;
}

std::string render_markdown(const Report& report) {
  std::string out = "# " + md(report.title) + "\n\n" + md(report.subtitle) + "\n";
  for (const Section& section : report.sections) {
    out += "\n## " + md(section.title) + "\n";
    if (section.blocks.empty() && section.bullets.empty()) out += "\n" + md(section.empty) + "\n";
    for (const Block& block : section.blocks) {
      if (!block.heading.empty()) out += "\n### " + md(block.heading) + "\n";
      out += "\n";
      for (const Line& line : block.lines) {
        out += "- **" + md(line.label) + ":** " + md(line.value) + "\n";
        for (const std::string& note : line.notes) out += "  - " + md(note) + "\n";
      }
    }
    if (!section.bullets.empty()) out += "\n";
    for (const Bullet& bullet : section.bullets) {
      out += "- " + (bullet.tag.empty() ? "" : "**" + md(bullet.tag) + "**: ") + md(bullet.text) +
             "\n";
    }
  }
  return out;
}

}  // namespace

std::string render_text_report(const AuditInput& input, const AuditResult& result,
                               ReportFormat format) {
  const Report report = lay_out_report(input, result);
  return format == ReportFormat::markdown ? render_markdown(report) : render_text(report);
}

}  // namespace pageaudit
