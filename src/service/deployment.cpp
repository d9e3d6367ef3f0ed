#include "service/deployment.h"

#include "store/open_store.h"

namespace retorno {

Result<std::unique_ptr<Deployment>> open_deployment(const std::filesystem::path& data_dir,
                                                    MustExist must_exist) {
    auto config_file = data_dir / kConfigFileName;
    if (must_exist == MustExist::Yes && !std::filesystem::exists(config_file)) {
        return fail(Error::make(ErrorCode::Unavailable,
                                "'" + data_dir.string() +
                                    "' is not a retorno data folder; run `retorno init --data " +
                                    data_dir.string() + "` first."));
    }
    auto deployment = std::make_unique<Deployment>();
    deployment->data_dir = data_dir;
    deployment->config = TRY(load_config(config_file));
    // One cipher over the data key file serves the store and its replica.
    auto cipher = TRY(FieldCipher::open(data_key_file(data_dir)));
    deployment->store =
        TRY(open_store(deployment->config.database, data_dir, kDefaultPostgresPoolSize, cipher));
    if (!deployment->config.read_database.empty()) {
        deployment->read_replica = TRY(
            open_read_replica(deployment->config.read_database, kDefaultPostgresPoolSize, cipher));
    }
    deployment->protocols = TRY(protocol::ProtocolRegistry::load_default());
    deployment->cases =
        std::make_unique<CaseService>(*deployment->store, deployment->clock, deployment->protocols);
    return deployment;
}

}  // namespace retorno
