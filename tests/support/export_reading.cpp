// Reading an export in a test, records as text.
#include "export_reading.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "pageaudit/store/catalog.h"
#include "pageaudit/store/store.h"
#include "support.h"

namespace pageaudit::test {
namespace {

std::string shown(const std::optional<double>& value) {
  return value ? fmt::format("{}", *value) : "-";
}
std::string shown(const std::optional<std::string>& text) {
  return text ? *text : "-";
}

class TextSink final : public RecordSink {
 public:
  std::string text;

  Status page(const PageRecord& r) override {
    text += fmt::format("page {} {}\n", r.page_id, shown(r.name));
    return {};
  }
  Status page_metric(const PageMetricRecord& r) override {
    text += fmt::format("metric {} {} {} {} {}\n", r.page_id, r.metric, r.period, r.date.iso(),
                        shown(r.value));
    return {};
  }
  Status breakdown(const BreakdownRecord& r) override {
    text += fmt::format("breakdown {} {} {} {} {} \"{}\" {} {}\n", r.page_id, r.metric, r.period,
                        r.date.iso(), r.dimension, r.key, shown(r.value), unit_name(r.unit));
    return {};
  }
  Status post(const PostRecord& r) override {
    text += fmt::format("post {} {} {} {} | {} | {} | {}\n", r.post_id, r.page_id,
                        shown(r.created_time), shown(r.type), shown(r.title), shown(r.message),
                        shown(r.permalink));
    return {};
  }
  Status post_metric(const PostMetricRecord& r) override {
    text +=
        fmt::format("post_metric {} {} \"{}\" {}\n", r.post_id, r.metric, r.key, shown(r.value));
    return {};
  }
};

ExportRead read(CsvReader& reader, Date as_of, std::optional<std::string> page) {
  RecordStream stream(reader);
  ExportContext context;
  context.file = reader.name();
  context.page_given = page.has_value();
  context.page_id = std::move(page);
  context.as_of = as_of;
  context.catalog = &seeded_catalog();
  TextSink sink;
  ExportRead out;
  out.summary = read_export(stream, context, sink, &out.layout);
  out.records = std::move(sink.text);
  return out;
}

}  // namespace

const Catalog& seeded_catalog() {
  // Kept in its Result: moving the Catalog out draws a false -Wfree-nonheap-object from GCC 12.
  static const Result<Catalog> catalog = [] {
    auto store = Store::open_memory();
    REQUIRE(store);
    return load_catalog((*store)->db());
  }();
  REQUIRE_MESSAGE(catalog, (catalog ? "" : catalog.error().message));
  return *catalog;
}

ExportRead read_export_file(const std::string& path, Date as_of, std::optional<std::string> page) {
  auto reader = CsvReader::open(path);
  REQUIRE_MESSAGE(reader, (reader ? "" : reader.error().message));
  return read(**reader, as_of, std::move(page));
}

ExportRead read_export_bytes(std::string bytes, Date as_of, std::optional<std::string> page,
                             const std::string& name) {
  auto reader = CsvReader::from_bytes(std::move(bytes), name);
  REQUIRE_MESSAGE(reader, (reader ? "" : reader.error().message));
  return read(**reader, as_of, std::move(page));
}

ExportRead read_mbs_file(const char* name, Date as_of, std::optional<std::string> page) {
  ExportRead read = read_export_file(test_data_dir() + "/mbs/" + name, as_of, std::move(page));
  REQUIRE_MESSAGE(read.summary, (read.summary ? "" : read.summary.error().message));
  return read;
}

void check_refused(Date as_of, const std::vector<RefusedCase>& cases) {
  for (const RefusedCase& c : cases) {
    CAPTURE(c.what);
    const ExportRead read = read_export_bytes(c.bytes, as_of);
    CHECK(error_of(read) == c.message);
    CHECK(read.summary.error().code == ExitCode::data);
  }
}

std::string error_of(const ExportRead& read) {
  REQUIRE_MESSAGE(!read.summary, "the read succeeded: " << read.records);
  return read.summary.error().message;
}

}  // namespace pageaudit::test
