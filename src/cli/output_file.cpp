#include "cli/output_file.h"

#include "core/partial_path.h"

namespace retorno::cli {

OutputFile::OutputFile(std::filesystem::path path, std::filesystem::path partial)
    : m_path(std::move(path)),
      m_partial(std::move(partial)),
      m_stream(m_partial, std::ios::binary | std::ios::trunc) {}

OutputFile::OutputFile(OutputFile&& other) noexcept
    : m_path(std::move(other.m_path)),
      m_partial(std::move(other.m_partial)),
      m_stream(std::move(other.m_stream)),
      m_committed(other.m_committed) {
    other.m_committed = true;  // The moved-from object owns no file any more.
}

Result<OutputFile> OutputFile::create(const std::filesystem::path& path) {
    OutputFile file(path, partial_path(path));
    if (!file.m_stream) {
        file.m_committed = true;  // Nothing was created.
        return fail(Error::make(ErrorCode::Unavailable, "cannot write " + path.string()));
    }
    return file;
}

OutputFile::~OutputFile() {
    if (m_committed)
        return;
    m_stream.close();
    std::error_code ignored;
    std::filesystem::remove(m_partial, ignored);
}

Status OutputFile::commit() {
    m_stream.flush();
    m_stream.close();
    if (!m_stream)
        return fail(Error::make(ErrorCode::Unavailable, "cannot write " + m_path.string()));
    std::error_code ec;
    std::filesystem::rename(m_partial, m_path, ec);
    if (ec) {
        return fail(Error::make(ErrorCode::Unavailable,
                                "cannot put " + m_path.string() + " in place: " + ec.message()));
    }
    m_committed = true;
    return {};
}

}  // namespace retorno::cli
