#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "core/error.h"

namespace retorno::web {

struct StaticFile {
    std::string content_type;
    std::string body;
    std::string gzipped;  // empty when gzip would not make it smaller
    std::string etag;     // "\"<hash>\""
};

// The files of web/static/, read and compressed once at start-up. Pages link them as
// /static/NAME?v=VERSION, where VERSION changes whenever any file changes, so that browsers may
// keep them for a year (Cache-Control: immutable) and still see a new release at once.
class StaticFiles {
  public:
    static Result<StaticFiles> load(const std::filesystem::path& dir);

    const StaticFile* find(const std::string& name) const;
    const std::string& version() const { return m_version; }

  private:
    std::map<std::string, StaticFile> m_files;
    std::string m_version;
};

}  // namespace retorno::web
