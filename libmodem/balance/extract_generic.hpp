#pragma once

// Internal to the balance extractor: rule-less extraction from keywords and quantities.

#include <string>
#include <string_view>

#include "libmodem/balance/balance.hpp"
#include "libmodem/balance/extract.hpp"
#include "libmodem/balance/extract_date.hpp"

namespace zanryo::extract {

/// Local date of ctx.receivedAt, and the date-reading rules the context implies.
DateRules dateRulesFor(const ExtractContext &ctx, std::string_view dateOrder = {});

/// Bytes of \a mantissa / 10^scale units of 1000 or 1024 ^ \a power, rounded half up;
/// false if it does not fit in 64 bits.
bool dataBytes(std::uint64_t mantissa, int scale, int power, unsigned base, std::uint64_t &out);

/// Fill \a b (raw already set) from \a raw without rules.
void extractGeneric(std::string_view raw, const ExtractContext &ctx, Balance &b);

} /* namespace zanryo::extract */
