// HTML injection (issue 6, SPEC section 7): a list of hostile strings is put in every field that
// comes from outside (Facebook, an export, the goals file) and reaches the HTML report. The report
// must show each one as text: the same tags and attributes as a report with harmless text, no raw
// markup of theirs anywhere, and each field visibly there, escaped.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "audit/spec_example.h"
#include "pageaudit/output/html_report.h"
#include "values.h"

namespace pageaudit {
namespace {

using test::count_of;
using test::day;

// Script tags, attribute breakouts with either quote, the raw-text elements' end tags, URLs that
// run code, SVG events, comments, CDATA, entities that must stay text, Unicode that reorders
// text, control characters (NUL-free) and a string longer than any layout expects.
std::vector<std::string> injections() {
  return {
      "<script>alert(1)</script>",
      "\"><script>alert(2)</script>",
      "'><script>alert(3)</script>",
      "\" onmouseover=\"alert(4)",
      "' onfocus='alert(5)' autofocus='",
      "</style><script>alert(6)</script>",
      "</title><script>alert(7)</script>",
      "</textarea></svg></figure><script>alert(8)</script>",
      "javascript:alert(9)",
      "<a href=\"javascript:alert(10)\">click</a>",
      "<svg onload=alert(11)>",
      "<svg><script>alert(12)</script></svg>",
      "<img src=x onerror=alert(13)>",
      "<!-- open comment",
      "--><script>alert(15)</script><!--",
      "<![CDATA[<script>alert(16)</script>]]>",
      "]]><script>alert(17)</script>",
      "&lt;script&gt;alert(18)&lt;/script&gt;",
      "&#60;script&#62;alert(19)&#60;/script&#62;",
      "&amp;",
      "\xE2\x80\xAE"
      "txt.exe\xE2\x80\xAC",  // RIGHT-TO-LEFT OVERRIDE ... POP DIRECTIONAL FORMATTING
      "bell\x07 escape\x1B[31m delete\x7F tab\t cr\r",
      "{} {0} {:>10} %s %n",
      std::string(20000, 'W') + "<b>long</b>",
  };
}

// The report's input with 'text' in every outside field the HTML shows.
AuditInput hostile_input(const std::string& text) {
  AuditInput in = test::spec_example();
  for (int i = 0; i < 28; ++i) {
    in.views[day("2026-10-24") + i] = 100;
    in.engagements[day("2026-10-24") + i] = 7;
    in.outcomes[text][day("2026-10-24") + i] = 3;  // an outcome column's name, from its CSV
  }
  in.page_name = text;            // from Facebook or an export
  in.goals.business.name = text;  // from the goals file
  in.goals.business.currency = text;
  in.goals.audience.target_cities = {text};   // as written in the goals file
  in.audience.push_back({"city", text, 40});  // a city as Meta's export names it
  Goal& first = in.goals.goals.front();
  first.id = "g1" + text;
  first.why = text;
  Goal outcome_goal = first;  // a goal on the outcome column above
  outcome_goal.id = "g2" + text;
  outcome_goal.metric = "outcome:" + text;
  outcome_goal.bound = Bound{Bound::Kind::at_least, 100};
  in.goals.goals.push_back(outcome_goal);
  return in;
}

// The markup of a document: each tag's name and its attributes' names, in order, with the
// comments, CDATA sections and declarations that open. Text and attribute values are left out,
// so two reports whose texts differ have the same signature exactly when no text became markup.
// A quote that ended an attribute value early shows as an attribute name that should not be there.
std::vector<std::string> markup_of(const std::string& html) {
  std::vector<std::string> tags;
  size_t at = 0;
  while ((at = html.find('<', at)) != std::string::npos) {
    std::string tag = "<";
    size_t i = at + 1;
    while (i < html.size() && html[i] != '>' && html[i] != ' ' && html[i] != '\n') tag += html[i++];
    // Attributes: name, or name="value" / name='value' / name=value.
    while (i < html.size() && html[i] != '>') {
      if (html[i] == ' ' || html[i] == '\n' || html[i] == '/') {
        ++i;
        continue;
      }
      std::string name;
      while (i < html.size() && html[i] != '=' && html[i] != '>' && html[i] != ' ')
        name += html[i++];
      tag += " " + name;
      if (i < html.size() && html[i] == '=') {
        ++i;
        const char quote = html[i];
        if (quote == '"' || quote == '\'') {
          i = html.find(quote, i + 1);
          if (i == std::string::npos) return {"unterminated attribute in " + tag};
          ++i;
        } else {
          while (i < html.size() && html[i] != ' ' && html[i] != '>') ++i;
        }
      }
    }
    tags.push_back(tag);
    at = i;
  }
  return tags;
}

bool has_markup_character(const std::string& text) {
  return text.find_first_of("<>&\"'") != std::string::npos;
}

// 'text' with every occurrence of 'part' cut out: "&amp;" escaped is "&amp;amp;", which holds it.
std::string without(std::string text, const std::string& part) {
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at))
    text.erase(at, part.size());
  return text;
}

std::string html_of(const AuditInput& input) {
  return render_html(input, run_audit(input));
}

}  // namespace

TEST_CASE("the markup comparison sees a tag or an attribute that text opened") {
  CHECK(markup_of("<p title=\"a b\">x</p>") == std::vector<std::string>{"<p title", "</p"});
  const struct {
    const char* html;
  } broken[] = {
      {"<p title=\"a\" onmouseover=\"x\">x</p>"},  // a value ended by a quote from the text
      {"<p title='a' onfocus=''>x</p>"},
      {"<p title=\"a\">x<b>y</b></p>"},    // a tag in the text
      {"<p title=\"a\">x<!-- y --></p>"},  // a comment in the text
      {"<p title=\"a>x</p>"},              // a value never closed
  };
  for (const auto& c : broken) {
    CAPTURE(c.html);
    CHECK(markup_of(c.html) != markup_of("<p title=\"a b\">x</p>"));
  }
}

TEST_CASE("every outside field the HTML report shows reaches it, escaped") {
  // One marker per field, so that a field the report stopped showing (or showed unescaped) is
  // named. The markers open markup, so the escaped form proves the escaping too.
  AuditInput in = hostile_input("<common>");
  in.page_name = "<page-name>";
  in.goals.business.name = "<business-name>";
  in.goals.goals[0].id = "<goal-id>";
  in.goals.goals[0].why = "<goal-why>";
  in.goals.goals[1].id = "<outcome-goal-id>";
  const std::string html = html_of(in);
  for (const char* field :
       {"page-name", "business-name", "goal-id", "goal-why", "outcome-goal-id", "common"}) {
    CAPTURE(field);
    CHECK(html.find(std::string("&lt;") + field + "&gt;") != std::string::npos);
    CHECK(html.find(std::string("<") + field + ">") == std::string::npos);
  }
}

TEST_CASE(
    "injection strings in every outside field stay text: no markup, no attribute breaks out") {
  const std::string harmless = "harmless";
  const std::vector<std::string> expected = markup_of(html_of(hostile_input(harmless)));
  REQUIRE(expected.size() > 100);
  REQUIRE(count_of(html_of(hostile_input(harmless)), harmless) >= 8);

  const std::vector<std::string> list = injections();
  REQUIRE(list.size() >= 15);
  for (const std::string& injection : list) {
    CAPTURE(injection.substr(0, 80));
    const std::string html = html_of(hostile_input(injection));
    // The same tags with the same attributes, in the same order, as with harmless text.
    CHECK(markup_of(html) == expected);
    // Their text is there, escaped, and nowhere raw.
    CHECK(count_of(html, html_escape(injection)) >= 8);
    if (has_markup_character(injection))
      CHECK(without(html, html_escape(injection)).find(injection) == std::string::npos);
    CHECK(count_of(html, "<script") == 0);
    CHECK(count_of(html, "</style>") == 1);
    CHECK(count_of(html, "<!--") == 0);
    CHECK(count_of(html, "<![CDATA[") == 0);
  }
}

}  // namespace pageaudit
