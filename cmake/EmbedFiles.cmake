# embed_files(OUT_CPP VAR_NAME FILE...): compile text files (the SQL migrations) into the binary
# as an array of {name, text} so the tool needs nothing beside itself at run time.
function(embed_files out_cpp array_name)
  set(inputs ${ARGN})
  add_custom_command(
    OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_cpp} -DNAME=${array_name} "-DFILES=${inputs}"
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    DEPENDS ${inputs} ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    COMMENT "Embedding ${array_name}"
    VERBATIM)
endfunction()
