#pragma once

#include <filesystem>
#include <memory>

#include "service/case_service.h"
#include "service/config.h"
#include "store/store.h"

namespace retorno {

// One deployment's data folder opened for work: its configuration, its store and the use cases
// over them. Every CLI subcommand that works on a deployment opens it this way.
struct Deployment {
    std::filesystem::path data_dir;
    Config config;
    std::unique_ptr<Store> store;
    // The hot standby that reports read from, when `read_database` names one.
    std::unique_ptr<Store> read_replica;
    protocol::ProtocolRegistry protocols;
    SystemClock clock;
    std::unique_ptr<CaseService> cases;

    // Where reports and dashboards read: the read replica when there is one, else the store.
    Store& report_store() { return read_replica ? *read_replica : *store; }
};

enum class MustExist { Yes, No };

// Reads <data>/retorno.conf and opens the store it names. With MustExist::Yes a folder that
// `retorno init` never prepared is refused with a message that says so.
Result<std::unique_ptr<Deployment>> open_deployment(const std::filesystem::path& data_dir,
                                                    MustExist must_exist);

}  // namespace retorno
