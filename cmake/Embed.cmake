# retorno_embed(TARGET NAME GLOB) compiles the files matching GLOB into TARGET as a function
#   std::span<const retorno::EmbeddedFile> NAME();
# sorted by file name, so that a release binary carries its migrations and needs no data folder
# beside it.
function(retorno_embed target name pattern)
    file(GLOB files CONFIGURE_DEPENDS ${pattern})
    list(SORT files)
    # The files are read at configure time, so a change to one must configure again.
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${files})
    set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded_${name}.cpp")
    set(body "#include \"core/embedded_file.h\"\n#include <array>\nnamespace retorno {\nnamespace {\n")
    set(index 0)
    set(entries "")
    foreach(f ${files})
        file(READ ${f} hex HEX)
        string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
        get_filename_component(base ${f} NAME)
        string(APPEND body "constexpr unsigned char k${name}_${index}[] = {${hex} 0};\n")
        string(APPEND entries "EmbeddedFile{\"${base}\", std::string_view(reinterpret_cast<const char*>(k${name}_${index}), sizeof(k${name}_${index}) - 1)},\n")
        math(EXPR index "${index} + 1")
    endforeach()
    string(APPEND body "const std::array<EmbeddedFile, ${index}> k${name}{{\n${entries}}};\n}\n")
    string(APPEND body "std::span<const EmbeddedFile> ${name}() { return k${name}; }\n}\n")
    file(CONFIGURE OUTPUT ${out} CONTENT "${body}")
    target_sources(${target} PRIVATE ${out})
endfunction()
