#include "audit/audit_chain.h"

#include <sodium.h>

#include <fmt/format.h>

#include <map>

#include "audit/signing_key.h"

namespace retorno::audit {

namespace {

void put(std::string& out, std::string_view field) {
    out += std::to_string(field.size());
    out += ':';
    out += field;
    out += '\n';
}

std::string hex(const unsigned char* bytes, std::size_t size) {
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes, size);
    out.pop_back();
    return out;
}

}  // namespace

std::string entry_hash(const AuditEntry& entry) {
    std::string text = "retorno-audit-v1\n";
    put(text, std::to_string(entry.seq));
    put(text, entry.recorded_at);
    put(text, entry.actor_user);
    put(text, entry.actor_institution);
    put(text, entry.address);
    put(text, entry.action);
    put(text, entry.case_id);
    put(text, entry.categories);
    put(text, entry.reason);
    put(text, entry.previous_hash);
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    return hex(digest, sizeof digest);
}

Result<ChainReport> verify_chain(Store& store, const std::string& public_key_hex) {
    ChainReport report;
    auto broken = [&](std::int64_t seq, std::string problem) {
        report.intact = false;
        report.first_broken_seq = seq;
        report.problem = std::move(problem);
        return report;
    };
    std::map<std::int64_t, std::string> hashes;  // seq -> hash, for the signed heads
    std::int64_t expected_seq = 1;
    std::string previous_hash;
    constexpr int kPage = 1000;
    for (std::int64_t after = 0;;) {
        auto page = TRY(store.audit_entries(after, kPage, ""));
        for (const auto& entry : page) {
            if (entry.seq != expected_seq) {
                return broken(expected_seq,
                              entry.seq > expected_seq
                                  ? fmt::format("entry {} is missing (removed)", expected_seq)
                                  : fmt::format("entry {} appears out of order", entry.seq));
            }
            if (entry.previous_hash != previous_hash) {
                return broken(entry.seq,
                              fmt::format("entry {} does not follow the entry before it "
                                          "(an entry was removed, inserted or reordered)",
                                          entry.seq));
            }
            if (entry_hash(entry) != entry.hash) {
                return broken(entry.seq,
                              fmt::format("entry {} was changed after it was written", entry.seq));
            }
            hashes[entry.seq] = entry.hash;
            previous_hash = entry.hash;
            ++expected_seq;
            ++report.entries;
        }
        if (static_cast<int>(page.size()) < kPage)
            break;
        after = page.back().seq;
    }
    for (const auto& head : TRY(store.audit_day_heads())) {
        auto it = hashes.find(head.seq);
        if (it == hashes.end() || it->second != head.hash) {
            return broken(head.seq, fmt::format("the signed head of {} names entry {}, which no "
                                                "longer has the hash that was signed",
                                                head.day, head.seq));
        }
        if (verify_head(head, public_key_hex) != Signature::Valid) {
            return broken(head.seq,
                          fmt::format("the signature of the head of {} is not valid", head.day));
        }
        ++report.signed_days;
    }
    return report;
}

}  // namespace retorno::audit
