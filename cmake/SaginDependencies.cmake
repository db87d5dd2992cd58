# Finds every external library the project uses. tools/sagin installs the Debian packages first.
find_package(ns3 3.37 REQUIRED)
foreach(lib core network internet point-to-point mobility propagation antenna applications stats)
  if(NOT TARGET ns3::lib${lib})
    message(FATAL_ERROR "ns-3 module ${lib} is missing (package libns3-dev)")
  endif()
endforeach()

# Debian's ns-3 targets carry their include folder as a normal include directory: make it a
# system one so that -Wall -Wextra report our code only.
foreach(lib core network internet point-to-point mobility propagation antenna applications stats
            traffic-control spectrum)
  if(TARGET ns3::lib${lib})
    get_target_property(_inc ns3::lib${lib} INTERFACE_INCLUDE_DIRECTORIES)
    if(_inc)
      set_target_properties(ns3::lib${lib} PROPERTIES INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${_inc}")
    endif()
  endif()
endforeach()

find_package(Boost 1.74 REQUIRED COMPONENTS graph)
find_package(Protobuf 3.21 REQUIRED)
find_package(GTest REQUIRED)
find_package(benchmark REQUIRED)
find_package(CLI11 REQUIRED)
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
find_package(PkgConfig REQUIRED)
pkg_check_modules(ERFA REQUIRED IMPORTED_TARGET erfa)

# GeographicLib ships a find module, not a config file, on Debian.
list(APPEND CMAKE_MODULE_PATH /usr/share/cmake/geographiclib)
find_package(GeographicLib REQUIRED)
add_library(sagin_geographiclib INTERFACE)
target_include_directories(sagin_geographiclib SYSTEM INTERFACE ${GeographicLib_INCLUDE_DIRS})
target_link_libraries(sagin_geographiclib INTERFACE ${GeographicLib_LIBRARIES})
