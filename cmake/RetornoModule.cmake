# retorno_module(NAME DIR DEPS...) builds every .cpp file directly inside src/DIR (and in the
# extra folders given after FOLDERS) into the static library retorno_NAME. One library per
# module keeps the dependency direction of docs/architecture.md visible in the build.
function(retorno_module name)
    cmake_parse_arguments(ARG "" "" "FOLDERS;DEPS" ${ARGN})
    set(sources "")
    foreach(folder ${name} ${ARG_FOLDERS})
        file(GLOB found CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/src/${folder}/*.cpp")
        list(APPEND sources ${found})
    endforeach()
    add_library(retorno_${name} STATIC ${sources})
    target_include_directories(retorno_${name} PUBLIC "${PROJECT_SOURCE_DIR}/src")
    target_link_libraries(retorno_${name} PUBLIC ${ARG_DEPS})
endfunction()

# retorno_test(NAME DEPS...) builds every *_test.cpp under tests/NAME into one GoogleTest binary.
function(retorno_test name)
    cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
    file(GLOB_RECURSE sources CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/tests/${name}/*_test.cpp")
    if(NOT sources)
        return()
    endif()
    add_executable(test_${name} ${sources})
    target_link_libraries(test_${name} PRIVATE ${ARG_DEPS} retorno_test_support GTest::gtest_main)
    target_compile_definitions(test_${name} PRIVATE
        RETORNO_SOURCE_ROOT="${PROJECT_SOURCE_DIR}"
        RETORNO_BINARY="$<TARGET_FILE_DIR:retorno_core>/retorno")
    gtest_discover_tests(test_${name} DISCOVERY_MODE PRE_TEST
        PROPERTIES ENVIRONMENT "RETORNO_RESOURCES=${PROJECT_SOURCE_DIR}")
endfunction()
