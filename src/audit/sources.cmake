list(APPEND PAGEAUDIT_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/metrics.cpp
  ${CMAKE_CURRENT_LIST_DIR}/goals.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stats.cpp
  ${CMAKE_CURRENT_LIST_DIR}/audience.cpp
  ${CMAKE_CURRENT_LIST_DIR}/figures.cpp
  ${CMAKE_CURRENT_LIST_DIR}/goal_status.cpp
  ${CMAKE_CURRENT_LIST_DIR}/lint.cpp
  ${CMAKE_CURRENT_LIST_DIR}/audit.cpp
)
