// The fuzz target bodies: untrusted bytes through the CSV reader, the export readers, the Graph
// response parsers and the goals parser.
#include "harness.h"

#include <cstdlib>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "pageaudit/audit/goals.h"
#include "pageaudit/graph/parse.h"
#include "pageaudit/input/export.h"
#include "pageaudit/store/catalog.h"
#include "pageaudit/store/store.h"

namespace pageaudit::fuzz {
namespace {

// Whatever the targets read is folded in here, so that no read can be optimised away: a record
// that points into freed memory must be dereferenced for AddressSanitizer to see it.
volatile size_t g_observed = 0;

void observe(std::string_view text) {
  g_observed = g_observed + std::hash<std::string_view>{}(text);
}

void observe_if(const std::optional<std::string>& text) {
  if (text) observe(*text);
}

// A RecordSink that writes nothing and reads every byte of every record.
class ReadingSink : public RecordSink {
 public:
  Status page(const PageRecord& record) override {
    observe(record.page_id);
    observe_if(record.name);
    return {};
  }
  Status page_metric(const PageMetricRecord& record) override {
    observe(record.page_id);
    observe(record.metric);
    observe(record.period);
    observe(record.date.iso());
    return {};
  }
  Status breakdown(const BreakdownRecord& record) override {
    observe(record.page_id);
    observe(record.metric);
    observe(record.period);
    observe(record.dimension);
    observe(record.key);
    observe(unit_name(record.unit));
    return {};
  }
  Status post(const PostRecord& record) override {
    observe(record.post_id);
    observe(record.page_id);
    observe_if(record.created_time);
    observe_if(record.type);
    observe_if(record.title);
    observe_if(record.message);
    observe_if(record.permalink);
    return {};
  }
  Status post_metric(const PostMetricRecord& record) override {
    observe(record.post_id);
    observe(record.metric);
    observe(record.key);
    return {};
  }
};

// The catalogue the importer reads from a store created by this binary's migrations. Loaded once:
// it is the same for every input, and a fresh store per input would cost more than the input.
const Catalog& store_catalog() {
  static const Catalog catalog = [] {
    auto store = Store::open_memory();
    if (!store) std::abort();
    auto loaded = load_catalog((*store)->db());
    if (!loaded) std::abort();
    return std::move(*loaded);
  }();
  return catalog;
}

void read_all_records(CsvReader& reader) {
  CsvRecord record;
  for (;;) {
    Result<bool> got = reader.next(record);
    if (!got || !*got) return;
    observe(record.blank() ? "blank" : record[0]);
    observe(record[record.size()]);  // past the end: the empty padding of ragged rows
    for (const std::string& field : record.fields) {
      if (auto number = parse_number(field, false)) observe(number->percent ? "%" : "");
      if (auto number = parse_number(field, true)) observe(number->percent ? "%" : "");
      observe(looks_like_date_mangled_number(field) ? "mangled" : "");
      observe(fold_header(field));
      for (DateOrder order : {DateOrder::day_first, DateOrder::month_first}) {
        if (auto date = parse_export_date(field, order)) observe(date->iso());
        observe_if(parse_export_time(field, order));
      }
      if (auto date = date_in_file_name(field)) observe(date->iso());
    }
  }
}

void read_export_as(std::string_view data, const ExportContext& context) {
  auto reader = CsvReader::from_bytes(std::string(data), context.file);
  if (!reader) return;
  RecordStream stream(**reader);
  ReadingSink sink;
  Layout layout = Layout::unknown;
  if (auto summary = read_export(stream, context, sink, &layout)) {
    observe(summary->page_id);
    for (const std::string& note : summary->notes) observe(note);
  }
  observe(layout_name(layout));
}

void observe_insights(const Insights& insights) {
  for (const InsightSeries& series : insights.series) {
    observe(series.name);
    for (const InsightValue& value : series.values) {
      if (value.date) observe(value.date->iso());
    }
  }
  observe(insights.paging.next);
}

void parse_every_shape(std::string_view body) {
  if (auto page = parse_page(body)) {
    observe(page->id);
    if (page->insights) observe_insights(*page->insights);
  }
  if (auto insights = parse_insights(body)) observe_insights(*insights);
  if (auto posts = parse_posts(body)) {
    for (const Post& post : posts->data) {
      observe(post.id);
      if (post.insights) observe_insights(*post.insights);
      if (post.comments) {
        for (const Comment& comment : post.comments->data) observe(comment.message);
      }
    }
  }
  if (auto comments = parse_comments(body)) {
    for (const Comment& comment : comments->data) observe(comment.parent_id);
  }
  if (auto error = parse_graph_error(body)) observe(error->message);
}

}  // namespace

void fuzz_csv(std::string_view data) {
  auto reader = CsvReader::from_bytes(std::string(data), "fuzz.csv");
  if (!reader) return;
  observe(encoding_name((*reader)->encoding()));
  read_all_records(**reader);
}

void fuzz_layout(std::string_view data) {
  const Catalog& catalog = store_catalog();
  const Date exported = *Date::from_ymd(2026, 11, 20);
  read_export_as(
      data, ExportContext{"fuzz.csv", "100064197037125", true, exported, std::nullopt, &catalog});
  read_export_as(
      data, ExportContext{"fuzz.csv", std::nullopt, false, exported, "page_follows", &catalog});
}

void fuzz_graph_json(std::string_view data) {
  parse_every_shape(data);
  if (auto batch = parse_batch(data)) {
    for (const std::optional<BatchItem>& item : *batch) {
      if (!item) continue;
      for (const auto& [name, value] : item->headers) observe(name + value);
      parse_every_shape(item->body);
    }
  }
  observe(strip_access_token(data));
}

void fuzz_goals(std::string_view data) {
  if (auto goals = parse_goals(data, "goals.toml")) {
    for (const Goal& goal : goals->goals) observe(goal.id);
  }
}

}  // namespace pageaudit::fuzz
