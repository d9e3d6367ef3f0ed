#pragma once

#include <filesystem>
#include <fstream>

#include "core/error.h"

namespace retorno::cli {

// A file that a command writes as its result ("pairs.csv"), written aside first
// ("pairs.csv.partial-PID") and put in place by a rename only once it is complete. A command
// that stops half-way (a refused row of its input, a full disk) leaves whatever was at the path
// before exactly as it was, never half a result that looks like a whole one.
class OutputFile {
  public:
    // Opens the file aside; fails, naming the path, when its folder cannot be written.
    static Result<OutputFile> create(const std::filesystem::path& path);

    OutputFile(OutputFile&& other) noexcept;
    OutputFile& operator=(OutputFile&&) = delete;
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;
    ~OutputFile();  // Removes the file aside unless it was committed.

    std::ostream& stream() { return m_stream; }
    // Flushes, checks that everything was written, and puts the file in place.
    Status commit();

  private:
    OutputFile(std::filesystem::path path, std::filesystem::path partial);

    std::filesystem::path m_path;
    std::filesystem::path m_partial;
    std::ofstream m_stream;
    bool m_committed = false;
};

}  // namespace retorno::cli
