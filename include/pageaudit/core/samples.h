// Where pageaudit finds the samples it ships (the demo's café).
#pragma once

#include <optional>
#include <string>

namespace pageaudit {

// The samples/ folder: $PAGEAUDIT_SAMPLES, else beside the installed binary
// (<prefix>/share/pageaudit/samples), else the source tree it was built from; nullopt when none
// of them exists.
std::optional<std::string> find_samples_dir();

}  // namespace pageaudit
