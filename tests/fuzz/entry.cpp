// libFuzzer entry point of one fuzz target; CMake compiles it once per target, naming the harness
// function in PAGEAUDIT_FUZZ_TARGET (fuzz_csv, fuzz_layout, fuzz_graph_json or fuzz_goals).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "harness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  pageaudit::fuzz::PAGEAUDIT_FUZZ_TARGET(
      std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
