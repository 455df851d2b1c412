# Fails when a doctest TEST_CASE name holds a ';'. ctest takes the names doctest_discover_tests
# lists as a CMake list, so such a name becomes two tests that each match no test case: doctest
# then runs nothing and ctest reports a pass (15 tests ran nothing that way until 2026-12-08).
# Usage: cmake -DDIR=tests -P check_test_names.cmake
file(GLOB_RECURSE sources "${DIR}/*.cpp")
set(found "")
foreach(source IN LISTS sources)
  file(STRINGS "${source}" lines REGEX "TEST_CASE\\(\"[^\"]*;")
  foreach(line IN LISTS lines)
    string(APPEND found "${source}: ${line}\n")
  endforeach()
endforeach()
if(found)
  message(FATAL_ERROR "test names with a semicolon (ctest would split them and run nothing):\n${found}")
endif()
