#pragma once

// zanryoctl's one JSON schema (docs/cli-json.md): every document a zanryod command prints
// carries "schema": kJsonSchema, and one thing has one name in every command.

#include <nlohmann/json.hpp>

#include "zanryo/client.hpp"

namespace zanryo::ctl {

/// Bumped when a name changes meaning or goes away; new names do not bump it.
inline constexpr int kJsonSchema = 1;

/// {"schema": 1} to add a command's fields to.
nlohmann::json jsonDocument();
/// dump() as zanryoctl prints it: indented, invalid UTF-8 replaced.
std::string jsonText(const nlohmann::json &j, bool indent = true);

/// "expires" (ISO date, UTC) and "expiresAt" (Unix seconds), both null when unknown.
void putExpires(nlohmann::json &j, std::uint64_t expires);
/// {"amount": "125.50", "currency": "RUB"}, null when unknown.
nlohmann::json moneyJson(const std::string &amount, const std::string &currency);

nlohmann::json balanceJson(const client::Balance &b);
nlohmann::json usageJson(const client::Usage &u);
/// One modem of `status`: its properties, balance and usage.
nlohmann::json modemJson(const client::ModemStatus &m);

} /* namespace zanryo::ctl */
