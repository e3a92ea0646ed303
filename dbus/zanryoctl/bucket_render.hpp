#pragma once

// How zanryoctl shows Balance.Buckets: one text line per bucket and their JSON. Pure.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zanryo/client.hpp"

namespace zanryo::ctl {

/// "main (startguthaben): 10.00 EUR, expires 2026-12-31": kind, the carrier's label when it
/// has one, the value in the units of this run (bytes as status shows them), the expiry.
std::string bucketLine(const client::Bucket &bucket);

/// The `buckets` array of `status --json` (docs/cli-json.md).
nlohmann::json bucketsJson(const std::vector<client::Bucket> &buckets);

/// "repaired from hex-ucs2; SMS damaged: ...; expires inferred": how far the values are
/// from what the carrier literally sent; "" when they are exactly that.
std::string readingCaveats(const client::Balance &balance);

} /* namespace zanryo::ctl */
