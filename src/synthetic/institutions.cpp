#include "synthetic/institutions.h"

#include <array>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "synthetic/random.h"

namespace retorno::synthetic {

namespace {

// The role an institution plays in the directory; decides its escalation parent.
enum class Role {
    Committee,
    ForeignMinistry,
    ChildProtection,
    Migration,
    Prosecutor,
    Police,
    Shelter,
    Court,
    Registry
};

struct Body {
    std::string_view country;
    Role role;
    std::string_view type;  // vocabulary::institution_type()
    std::string_view name;
};

// The bodies of RETURN-PROCEDURE.md, "Institutions by country", by their Spanish names.
constexpr std::array<Body, 48> kBodies{{
    {"SV", Role::Committee, "CentralGovernmentOrganisation",
     "Consejo Nacional contra la Trata de Personas (CNCTP)"},
    {"SV", Role::ForeignMinistry, "ForeignMinistry",
     "Ministerio de Relaciones Exteriores – Viceministerio para los Salvadoreños en el Exterior"},
    {"SV", Role::ChildProtection, "ChildProtectionAuthority",
     "Consejo Nacional de la Primera Infancia, Niñez y Adolescencia (CONAPINA)"},
    {"SV", Role::Migration, "ImmigrationService",
     "Dirección General de Migración y Extranjería (DGME)"},
    {"SV", Role::Prosecutor, "Prosecutor", "Fiscalía General de la República (FGR)"},
    {"SV", Role::Police, "LawEnforcement",
     "Policía Nacional Civil – Unidad contra la Trata de Personas"},
    {"SV", Role::Shelter, "Shelter", "Albergue especializado de CONAPINA"},
    {"SV", Role::Court, "LegalService", "Procuraduría General de la República (PGR)"},

    {"GT", Role::Committee, "CentralGovernmentOrganisation",
     "Secretaría contra la Violencia Sexual, Explotación y Trata de Personas (SVET)"},
    {"GT", Role::ForeignMinistry, "ForeignMinistry",
     "Ministerio de Relaciones Exteriores (MINEX) – DIGRACOM"},
    {"GT", Role::ChildProtection, "ChildProtectionAuthority",
     "Procuraduría General de la Nación – Procuraduría de la Niñez y la Adolescencia"},
    {"GT", Role::Migration, "ImmigrationService", "Instituto Guatemalteco de Migración (IGM)"},
    {"GT", Role::Prosecutor, "Prosecutor",
     "Ministerio Público – Fiscalía contra la Trata de Personas"},
    {"GT", Role::Police, "LawEnforcement", "Policía Nacional Civil (PNC)"},
    {"GT", Role::Shelter, "Shelter", "Secretaría de Bienestar Social (SBS) – Hogar de protección"},
    {"GT", Role::Court, "Court", "Juzgado de la Niñez y la Adolescencia"},

    {"HN", Role::Committee, "CentralGovernmentOrganisation",
     "Comisión Interinstitucional contra la Explotación Sexual Comercial y Trata de Personas "
     "(CICESCT)"},
    {"HN", Role::ForeignMinistry, "ForeignMinistry",
     "Secretaría de Relaciones Exteriores y Cooperación Internacional"},
    {"HN", Role::ChildProtection, "ChildProtectionAuthority",
     "Dirección de Niñez, Adolescencia y Familia (DINAF)"},
    {"HN", Role::Migration, "ImmigrationService", "Instituto Nacional de Migración (INM)"},
    {"HN", Role::Prosecutor, "Prosecutor", "Ministerio Público"},
    {"HN", Role::Police, "LawEnforcement", "Policía Nacional de Honduras"},
    {"HN", Role::Shelter, "Shelter", "Centro de Atención al Migrante Retornado – Centro Belén"},
    {"HN", Role::Registry, "CentralGovernmentOrganisation",
     "Registro Nacional de las Personas (RNP)"},

    {"MX", Role::Committee, "CentralGovernmentOrganisation",
     "Comisión Intersecretarial para Prevenir, Sancionar y Erradicar los Delitos en Materia de "
     "Trata de Personas"},
    {"MX", Role::ForeignMinistry, "ForeignMinistry", "Secretaría de Relaciones Exteriores (SRE)"},
    {"MX", Role::ChildProtection, "ChildProtectionAuthority",
     "Procuraduría Federal de Protección de Niñas, Niños y Adolescentes (SNDIF)"},
    {"MX", Role::Migration, "ImmigrationService",
     "Instituto Nacional de Migración – Oficiales de Protección a la Infancia (OPI)"},
    {"MX", Role::Prosecutor, "Prosecutor", "Fiscalía General de la República (FGR)"},
    {"MX", Role::Shelter, "Shelter", "Centro de Asistencia Social del DIF"},

    {"CR", Role::Committee, "CentralGovernmentOrganisation",
     "Coalición Nacional contra el Tráfico Ilícito de Migrantes y la Trata de Personas (CONATT)"},
    {"CR", Role::ForeignMinistry, "ForeignMinistry", "Ministerio de Relaciones Exteriores y Culto"},
    {"CR", Role::ChildProtection, "ChildProtectionAuthority",
     "Patronato Nacional de la Infancia (PANI)"},
    {"CR", Role::Migration, "ImmigrationService",
     "Dirección General de Migración y Extranjería – Unidad contra la Trata"},
    {"CR", Role::Prosecutor, "Prosecutor",
     "Poder Judicial – Oficina de Atención y Protección a la Víctima del Delito (OAPVD)"},
    {"CR", Role::Shelter, "Shelter", "Albergue del PANI"},

    {"NI", Role::Committee, "CentralGovernmentOrganisation",
     "Coalición Nacional contra la Trata de Personas"},
    {"NI", Role::ForeignMinistry, "ForeignMinistry",
     "Ministerio de Relaciones Exteriores (MINREX)"},
    {"NI", Role::ChildProtection, "ChildProtectionAuthority",
     "Ministerio de la Familia (MIFAMILIA)"},
    {"NI", Role::Migration, "ImmigrationService", "Dirección General de Migración y Extranjería"},
    {"NI", Role::Prosecutor, "Prosecutor", "Ministerio Público"},
    {"NI", Role::Police, "LawEnforcement", "Policía Nacional"},

    {"PA", Role::Committee, "CentralGovernmentOrganisation",
     "Comisión Nacional contra la Trata de Personas"},
    {"PA", Role::ForeignMinistry, "ForeignMinistry", "Ministerio de Relaciones Exteriores (MIRE)"},
    {"PA", Role::ChildProtection, "ChildProtectionAuthority",
     "Secretaría Nacional de Niñez, Adolescencia y Familia (SENNIAF)"},
    {"PA", Role::Migration, "ImmigrationService", "Servicio Nacional de Migración (SNM)"},
    {"PA", Role::Prosecutor, "Prosecutor", "Ministerio Público"},
    {"PA", Role::Police, "LawEnforcement", "Servicio Nacional de Fronteras (SENAFRONT)"},
}};

struct Consulates {
    std::string_view country;
    std::string_view of_country;  // "de Guatemala"
    std::string_view host_city;   // where the consulates of other countries in it sit
    std::string_view host_name;
};

// Consulates in Mexico sit on the southern border, where most returns start.
constexpr std::array<Consulates, 7> kConsulates{{
    {"SV", "de El Salvador", "San Salvador", "El Salvador"},
    {"GT", "de Guatemala", "Ciudad de Guatemala", "Guatemala"},
    {"HN", "de Honduras", "Tegucigalpa", "Honduras"},
    {"MX", "de México", "Tapachula", "México"},
    {"CR", "de Costa Rica", "San José", "Costa Rica"},
    {"NI", "de Nicaragua", "Managua", "Nicaragua"},
    {"PA", "de Panamá", "Ciudad de Panamá", "Panamá"},
}};

// A UUIDv7-shaped id: a fixed instant (2024-01-01T00:00:00Z plus the index in milliseconds, so
// the directory sorts in table order) and 74 bits from splitmix64 of the seed.
Id stable_id(std::uint64_t seed, std::uint64_t index) {
    const std::uint64_t millis = 1704067200000ULL + index;
    std::uint64_t state = seed ^ (index * 0xD1B54A32D192ED03ULL);
    std::uint64_t a = splitmix64(state);
    std::uint64_t b = splitmix64(state);
    std::array<std::uint8_t, 16> bytes{};
    for (int i = 0; i < 6; ++i) {
        bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(millis >> (8 * (5 - i)));
    }
    for (int i = 0; i < 2; ++i)
        bytes[static_cast<std::size_t>(6 + i)] = static_cast<std::uint8_t>(a >> (8 * i));
    for (int i = 0; i < 8; ++i)
        bytes[static_cast<std::size_t>(8 + i)] = static_cast<std::uint8_t>(b >> (8 * i));
    bytes[6] = static_cast<std::uint8_t>(0x70 | (bytes[6] & 0x0F));
    bytes[8] = static_cast<std::uint8_t>(0x80 | (bytes[8] & 0x3F));
    std::string text;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            text.push_back('-');
        text += fmt::format("{:02x}", bytes[i]);
    }
    // The text is well formed by construction, so parsing cannot fail.
    return *Id::parse(text);
}

}  // namespace

std::vector<Institution> demo_institutions(std::uint64_t seed) {
    std::vector<Institution> out;
    std::map<std::pair<std::string_view, Role>, Id> by_role;
    std::uint64_t index = 0;
    for (const auto& body : kBodies) {
        Institution institution{stable_id(seed, index++), std::string(body.country),
                                std::string(body.type), std::string(body.name), std::nullopt};
        by_role[{body.country, body.role}] = institution.id;
        out.push_back(std::move(institution));
    }
    for (auto& institution : out) {
        const Body& body = kBodies[static_cast<std::size_t>(&institution - out.data())];
        Role parent_role = body.role == Role::Shelter ? Role::ChildProtection : Role::Committee;
        if (body.role == Role::Committee)
            continue;
        auto it = by_role.find({body.country, parent_role});
        if (it != by_role.end())
            institution.parent = it->second;
    }
    for (const auto& of : kConsulates) {
        for (const auto& host : kConsulates) {
            if (of.country == host.country)
                continue;
            Institution consulate{stable_id(seed, index++), std::string(of.country), "Consulate",
                                  fmt::format("Consulado {} en {}, {}", of.of_country,
                                              host.host_city, host.host_name),
                                  by_role.at({of.country, Role::ForeignMinistry})};
            out.push_back(std::move(consulate));
        }
    }
    return out;
}

}  // namespace retorno::synthetic
