#include "crypto/secret_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

namespace retorno {

Status write_secret_file(const std::filesystem::path& file, std::string_view text,
                         std::string_view what) {
    auto refused = [&] {
        return fail(Error::make(ErrorCode::Unavailable,
                                std::string(what) + " could not be written.", file.string()));
    };
    // The folder of secrets is the owner's alone too.
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    ::chmod(file.parent_path().c_str(), 0700);
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0)
        return refused();
    ::fchmod(fd, 0600);
    auto written = ::write(fd, text.data(), text.size());
    bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (written != static_cast<ssize_t>(text.size()) || !synced)
        return refused();
    return {};
}

}  // namespace retorno
