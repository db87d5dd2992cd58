# Helpers that give every module, test and benchmark the same flags.

# Compile options for our own code. ns-3's logging and asserts are compiled in only in
# Debug builds (Debian's package does not export the definitions).
function(sagin_target_options target)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  target_compile_definitions(${target} PRIVATE $<$<CONFIG:Debug>:NS3_LOG_ENABLE NS3_ASSERT_ENABLE>)
endfunction()

# With SAGIN_UNITY_BUILD (the default), a target's sources are compiled in batches of 8 files
# per translation unit, so the ns-3, protobuf and GoogleTest headers are parsed once per batch
# instead of once per file: a clean build takes about 45 % less time (CONTRIBUTING.md).
# Names at file scope must therefore differ between the files of one target. A file that defines
# an ns-3 log component (NS_LOG_COMPONENT_DEFINE declares a file-static `g_log`) is compiled
# alone.
function(sagin_unity_batches target)
  set_target_properties(${target} PROPERTIES UNITY_BUILD ${SAGIN_UNITY_BUILD} UNITY_BUILD_BATCH_SIZE 8)
  get_target_property(_sources ${target} SOURCES)
  foreach(src ${_sources})
    get_filename_component(_abs ${src} ABSOLUTE)
    if(EXISTS ${_abs})
      file(READ ${_abs} _text)
      string(FIND "${_text}" "NS_LOG_COMPONENT_DEFINE" _at)
      if(NOT _at EQUAL -1)
        set_source_files_properties(${_abs} TARGET_DIRECTORY ${target} PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
      endif()
    endif()
  endforeach()
endfunction()

# sagin_add_module(NAME SOURCES ... DEPENDS ...): the static library sagin_<NAME>. Headers are
# included as "<module>/model/<file>.h" from the modules/ folder.
function(sagin_add_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS" ${ARGN})
  add_library(sagin_${name} STATIC ${ARG_SOURCES})
  sagin_unity_batches(sagin_${name})
  target_include_directories(sagin_${name} PUBLIC ${PROJECT_SOURCE_DIR}/modules)
  target_link_libraries(sagin_${name} PUBLIC ${ARG_DEPENDS})
  sagin_target_options(sagin_${name})
endfunction()

# sagin_add_proto_library(NAME PROTOS ... DEPENDS ...): generated code of a module's schemas,
# included as "sagin/v1/<file>.pb.h". Proto files live in modules/<m>/proto/sagin/v1/ and may
# import each other across modules as "sagin/v1/<file>.proto" (SAGIN_PROTO_PATH lists the roots).
set(SAGIN_PROTO_OUT ${PROJECT_BINARY_DIR}/proto)
function(sagin_add_proto_library name)
  cmake_parse_arguments(ARG "" "" "PROTOS;DEPENDS" ${ARGN})
  set(_root ${CMAKE_CURRENT_SOURCE_DIR}/proto)
  set(_sources)
  set(_includes)
  foreach(dir ${SAGIN_PROTO_PATH})
    list(APPEND _includes -I ${dir})
  endforeach()
  foreach(proto ${ARG_PROTOS})
    get_filename_component(_abs ${proto} ABSOLUTE)
    file(RELATIVE_PATH _rel ${_root} ${_abs})
    string(REGEX REPLACE "\\.proto$" "" _stem ${_rel})
    set(_cc ${SAGIN_PROTO_OUT}/${_stem}.pb.cc)
    set(_h ${SAGIN_PROTO_OUT}/${_stem}.pb.h)
    add_custom_command(
      OUTPUT ${_cc} ${_h}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${SAGIN_PROTO_OUT}
      COMMAND protobuf::protoc --cpp_out=${SAGIN_PROTO_OUT} ${_includes} ${_abs}
      DEPENDS ${_abs} protobuf::protoc
      COMMENT "protoc ${_rel}")
    list(APPEND _sources ${_cc})
  endforeach()
  add_library(${name} STATIC ${_sources})
  target_include_directories(${name} SYSTEM PUBLIC ${SAGIN_PROTO_OUT})
  target_link_libraries(${name} PUBLIC protobuf::libprotobuf ${ARG_DEPENDS})
endfunction()

# sagin_add_test(NAME SOURCES ... DEPENDS ...): one GoogleTest executable registered with ctest.
function(sagin_add_test name)
  cmake_parse_arguments(ARG "" "LABELS" "SOURCES;DEPENDS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  sagin_unity_batches(${name})
  target_link_libraries(${name} PRIVATE ${ARG_DEPENDS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    SAGIN_SOURCE_DIR="${PROJECT_SOURCE_DIR}" SAGIN_BINARY_DIR="${PROJECT_BINARY_DIR}")
  sagin_target_options(${name})
  set(_labels "")
  if(ARG_LABELS)
    set(_labels LABELS ${ARG_LABELS}) # e.g. `ctest -L stress` runs only those
  endif()
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 TEST_PREFIX "${name}."
                       PROPERTIES ENVIRONMENT "SAGIN_BIN=${PROJECT_BINARY_DIR}/bin/sagin" ${_labels})
endfunction()

# sagin_add_benchmark(NAME SOURCES ... DEPENDS ...): a Google Benchmark program (not a test).
function(sagin_add_benchmark name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS" ${ARGN})
  if(SAGIN_BUILD_BENCHMARKS)
    add_executable(${name} ${ARG_SOURCES})
    sagin_unity_batches(${name})
    target_link_libraries(${name} PRIVATE ${ARG_DEPENDS} benchmark::benchmark)
    target_compile_definitions(${name} PRIVATE SAGIN_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    sagin_target_options(${name})
  endif()
endfunction()

# sagin_embed_data(TARGET FUNCTION FILES ...): compiles data files into the library so the binary
# needs no install folder. Generates `std::string_view FUNCTION(const std::string& fileName)`
# (namespace sagin), returning the bytes of the named file (its base name) or an empty view.
function(sagin_embed_data target function)
  set(_out ${CMAKE_CURRENT_BINARY_DIR}/${function}-embedded.cc)
  set(_files ${ARGN})
  # A ';' inside a -D argument would split it: pass the list joined with '|'.
  string(REPLACE ";" "|" _joined "${_files}")
  add_custom_command(
    OUTPUT ${_out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${_out} -DFUNCTION=${function} "-DFILES=${_joined}"
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedData.cmake
    DEPENDS ${_files} ${PROJECT_SOURCE_DIR}/cmake/EmbedData.cmake
    COMMENT "Embedding data files for ${function}"
    VERBATIM)
  target_sources(${target} PRIVATE ${_out})
endfunction()
