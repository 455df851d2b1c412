list(APPEND PAGEAUDIT_TEST_SOURCES ${CMAKE_CURRENT_LIST_DIR}/output/test_json_report.cpp)
list(APPEND PAGEAUDIT_TEST_SOURCES ${CMAKE_CURRENT_LIST_DIR}/output/test_text_report.cpp)
list(APPEND PAGEAUDIT_TEST_SOURCES ${CMAKE_CURRENT_LIST_DIR}/output/test_html_report.cpp)
