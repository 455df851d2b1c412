// "Did you mean": the known name closest to a mistyped one.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace pageaudit {

// Levenshtein distance: the fewest insertions, deletions and substitutions of bytes from a to b.
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate at the smallest edit distance from word when that distance is below
// max_distance, the first of several as close; nullopt when none is that close.
std::optional<std::string_view> closest_match(std::string_view word,
                                              std::span<const std::string_view> candidates,
                                              size_t max_distance = 3);

}  // namespace pageaudit
