list(APPEND PAGEAUDIT_TEST_SOURCES ${CMAKE_CURRENT_LIST_DIR}/output/test_json_report.cpp)
list(APPEND PAGEAUDIT_TEST_SOURCES ${CMAKE_CURRENT_LIST_DIR}/output/test_text_report.cpp)
list(APPEND PAGEAUDIT_TEST_SOURCES ${CMAKE_CURRENT_LIST_DIR}/output/test_report_format.cpp)
list(APPEND PAGEAUDIT_TEST_SOURCES ${CMAKE_CURRENT_LIST_DIR}/output/test_html_report.cpp)
# The browser tests are a binary of their own (label browser: they need Chromium and take longest).
list(APPEND PAGEAUDIT_BROWSER_TEST_SOURCES ${CMAKE_CURRENT_LIST_DIR}/output/browser.cpp)
list(APPEND PAGEAUDIT_BROWSER_TEST_SOURCES ${CMAKE_CURRENT_LIST_DIR}/output/test_browser.cpp)
# The browser test keeps the demo's screenshots in <build dir>/tests/artifacts/.
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/output/test_browser.cpp PROPERTIES
  COMPILE_DEFINITIONS "PAGEAUDIT_ARTIFACTS_DIR=\"${CMAKE_CURRENT_BINARY_DIR}/artifacts\"")
list(APPEND PAGEAUDIT_TEST_SOURCES ${CMAKE_CURRENT_LIST_DIR}/output/test_html_injection.cpp)
