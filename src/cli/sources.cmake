list(APPEND PAGEAUDIT_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/app.cpp
  ${CMAKE_CURRENT_LIST_DIR}/command_table.cpp
  ${CMAKE_CURRENT_LIST_DIR}/console.cpp
  ${CMAKE_CURRENT_LIST_DIR}/init_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/import_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/status_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/forget_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/demo_command.cpp
)
list(APPEND PAGEAUDIT_SOURCES ${CMAKE_CURRENT_LIST_DIR}/pull_command.cpp)
list(APPEND PAGEAUDIT_SOURCES ${CMAKE_CURRENT_LIST_DIR}/audit_command.cpp)
