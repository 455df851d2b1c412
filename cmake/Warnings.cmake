# Shared compiler warnings; -Werror only as a developer option.
add_library(pageaudit_warnings INTERFACE)
target_compile_options(pageaudit_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Wunused -Woverloaded-virtual
  -Wimplicit-fallthrough)
if(PAGEAUDIT_WERROR)
  target_compile_options(pageaudit_warnings INTERFACE -Werror)
endif()
