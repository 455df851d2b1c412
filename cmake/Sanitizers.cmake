# ASan + UBSan for the sanitizer build that CI runs (PAGEAUDIT_SANITIZE=ON).
if(PAGEAUDIT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
